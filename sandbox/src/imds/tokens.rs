//! IMDSv2 session tokens: issued by `PUT /latest/api/token`, valid for their TTL in simulated
//! seconds, bound to one instance.
//!
//! A token looks like the real ones (56 characters, `AQAEA…==`, base64url alphabet) and is
//! derived from the instance id and an issue counter, never from a random source.

use super::mix;
use crate::time::SimTime;

/// Smallest and largest TTL IMDS accepts, in seconds.
pub const TTL_RANGE: std::ops::RangeInclusive<u64> = 1..=21_600;

/// One issued token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub value: String,
    pub instance_id: String,
    pub issued: SimTime,
    pub ttl_secs: u64,
}

impl Token {
    /// The instant the token stops working.
    pub fn expires(&self) -> SimTime {
        self.issued.plus_secs(self.ttl_secs)
    }
}

/// Why a presented token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    Unknown,
    Expired,
    OtherInstance,
}

/// Every token issued on one instance (or on several: tokens carry their instance id).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenStore {
    issued: Vec<Token>,
    counter: u64,
}

impl TokenStore {
    /// Issues a token for `instance_id` valid `ttl_secs` from `now`. The caller has checked the
    /// TTL range.
    pub fn issue(&mut self, instance_id: &str, ttl_secs: u64, now: SimTime) -> &Token {
        self.counter += 1;
        let seed = mix::hash(&[instance_id, &self.counter.to_string(), &now.0.to_string()]);
        let value = format!("AQAEA{}==", mix::text(seed, 49, mix::BASE64URL));
        // Forget tokens that can no longer be presented, so the store stays small.
        self.issued.retain(|t| t.expires() > now);
        self.issued.push(Token { value, instance_id: instance_id.to_string(), issued: now, ttl_secs });
        let last = self.issued.len() - 1;
        &self.issued[last]
    }

    /// Checks `value` for `instance_id` at `now`; on success returns the whole seconds left
    /// (what the `X-Aws-Ec2-Metadata-Token-Ttl-Seconds` header of a GET shows).
    pub fn validate(&self, value: &str, instance_id: &str, now: SimTime) -> Result<u64, TokenError> {
        let token = self.issued.iter().find(|t| t.value == value).ok_or(TokenError::Unknown)?;
        if token.instance_id != instance_id {
            return Err(TokenError::OtherInstance);
        }
        let expires = token.expires();
        if now >= expires {
            return Err(TokenError::Expired);
        }
        Ok((expires.0 - now.0).div_ceil(1000))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_look_real_and_expire() {
        let mut store = TokenStore::default();
        let value = store.issue("i-1", 21_600, SimTime::ZERO).value.clone();
        assert_eq!(value.len(), 56);
        assert!(value.starts_with("AQAEA") && value.ends_with("=="));
        assert_eq!(store.validate(&value, "i-1", SimTime::from_secs(25)), Ok(21_575));
        assert_eq!(store.validate(&value, "i-2", SimTime::ZERO), Err(TokenError::OtherInstance));
        assert_eq!(store.validate(&value, "i-1", SimTime::from_secs(21_600)), Err(TokenError::Expired));
        assert_eq!(store.validate("bogus", "i-1", SimTime::ZERO), Err(TokenError::Unknown));
    }
}
