//! Key pairs: create (the private key is returned once and never stored), import, delete.

use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::keypair::{GeneratedKey, KeyPair, generate, parse_public_key};
use super::super::tags::Tag;
use super::super::world::World;
use super::Ctx;

/// Key pairs a region allows.
pub const KEY_PAIR_LIMIT: usize = 5000;

impl World {
    fn check_new_key_name(&self, ctx: &Ctx, name: &str) -> Ec2Result<()> {
        if name.is_empty() || name.len() > 255 || !name.is_ascii() {
            return Err(Ec2Error::invalid_value(
                name,
                "Key name must be between 1 and 255 ASCII characters.",
            ));
        }
        let r = self.region_ref(ctx.region)?;
        if r.key_pairs.contains_key(name) {
            let msg = format!("The keypair '{name}' already exists.");
            return Err(Ec2Error::new(ErrorKind::Duplicate, "InvalidKeyPair.Duplicate", name, msg));
        }
        if r.key_pairs.len() >= KEY_PAIR_LIMIT {
            return Err(Ec2Error::new(
                ErrorKind::LimitExceeded,
                "ResourceLimitExceeded",
                name,
                "Maximum number of key pairs reached.",
            ));
        }
        Ok(())
    }

    /// `CreateKeyPair`: returns the stored pair and the material (shown once).
    pub fn create_key_pair(
        &mut self,
        ctx: &Ctx,
        name: &str,
        key_type: &str,
        tags: Vec<Tag>,
    ) -> Ec2Result<(KeyPair, GeneratedKey)> {
        self.check_new_key_name(ctx, name)?;
        if key_type != "rsa" && key_type != "ed25519" {
            return Err(Ec2Error::invalid_value(
                key_type,
                format!("Value ({key_type}) for parameter keyType is invalid. Valid values: rsa, ed25519."),
            ));
        }
        ctx.gate()?;
        let generated = generate(key_type, &mut self.ids);
        let kp = KeyPair {
            id: self.ids.resource_id("key"),
            name: name.to_string(),
            key_type: key_type.to_string(),
            fingerprint: generated.fingerprint.clone(),
            public_key: generated.public_key.clone(),
            create_time: ctx.now,
            tags,
        };
        self.region_mut_ref(ctx.region)?.key_pairs.insert(name.to_string(), kp.clone());
        Ok((kp, generated))
    }

    /// `ImportKeyPair` from an OpenSSH public key line.
    pub fn import_key_pair(
        &mut self,
        ctx: &Ctx,
        name: &str,
        public_key: &str,
        tags: Vec<Tag>,
    ) -> Ec2Result<KeyPair> {
        self.check_new_key_name(ctx, name)?;
        let Some((key_type, fingerprint, line)) = parse_public_key(public_key) else {
            return Err(Ec2Error::new(
                ErrorKind::InvalidParameter,
                "InvalidKeyPair.Format",
                public_key,
                "Key is not in valid OpenSSH public key format",
            ));
        };
        ctx.gate()?;
        let kp = KeyPair {
            id: self.ids.resource_id("key"),
            name: name.to_string(),
            key_type,
            fingerprint,
            public_key: line,
            create_time: ctx.now,
            tags,
        };
        self.region_mut_ref(ctx.region)?.key_pairs.insert(name.to_string(), kp.clone());
        Ok(kp)
    }

    /// `DeleteKeyPair` by name or id: returns the deleted pair's id (none when it did not exist).
    pub fn delete_key_pair(
        &mut self,
        ctx: &Ctx,
        name: Option<&str>,
        id: Option<&str>,
    ) -> Ec2Result<Option<String>> {
        if name.is_none() && id.is_none() {
            return Err(Ec2Error::missing(
                "KeyName",
                "The request must contain the parameter KeyName or KeyPairId",
            ));
        }
        let r = self.region_ref(ctx.region)?;
        let found = r
            .key_pairs
            .values()
            .find(|k| Some(k.name.as_str()) == name || Some(k.id.as_str()) == id)
            .map(|k| k.name.clone());
        if let (Some(id), None) = (id, &found) {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidKeyPair.NotFound",
                id,
                format!("The key pair '{id}' does not exist"),
            ));
        }
        ctx.gate()?;
        let r = self.region_mut_ref(ctx.region)?;
        Ok(found.and_then(|n| r.key_pairs.shift_remove(&n)).map(|k| k.id))
    }

    /// Resolves `--key-names` / `--key-pair-ids` for `DescribeKeyPairs`.
    pub fn describe_key_pairs(
        &self,
        ctx: &Ctx,
        names: &[String],
        ids: &[String],
    ) -> Ec2Result<Vec<&KeyPair>> {
        let r = self.region_ref(ctx.region)?;
        for n in names {
            if !r.key_pairs.contains_key(n) {
                return Err(Ec2Error::new(
                    ErrorKind::NotFound,
                    "InvalidKeyPair.NotFound",
                    n,
                    format!("The key pair '{n}' does not exist"),
                ));
            }
        }
        for id in ids {
            if !r.key_pairs.values().any(|k| &k.id == id) {
                return Err(Ec2Error::new(
                    ErrorKind::NotFound,
                    "InvalidKeyPair.NotFound",
                    id,
                    format!("The key pair '{id}' does not exist"),
                ));
            }
        }
        Ok(r.key_pairs
            .values()
            .filter(|k| {
                (names.is_empty() && ids.is_empty()) || names.contains(&k.name) || ids.contains(&k.id)
            })
            .collect())
    }
}
