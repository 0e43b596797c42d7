//! The AWS CLI shorthand grammar (`Key=Name,Value=web`, `Values=a,b`, `Tags=[{Key=k,Value=v}]`)
//! and JSON parameter values, turned into `serde_json::Value`s.
//!
//! Grammar (as in awscli's `shorthand.py`):
//! ```text
//! parameter   = keyval *("," keyval)
//! keyval      = key "=" [values]
//! values      = value *("," value)      ; a later "k=" starts the next keyval
//! value       = hash / list / quoted / unquoted
//! hash        = "{" keyval *("," keyval) "}"
//! list        = "[" [value *("," value)] "]"
//! ```

use serde_json::{Map, Value};

/// Where and why shorthand parsing failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShorthandError {
    pub expected: String,
    pub received: String,
    pub position: usize,
}

struct Parser<'a> {
    input: &'a [u8],
    text: &'a str,
    pos: usize,
}

/// Parses shorthand text into a JSON object.
pub fn parse(text: &str) -> Result<Value, ShorthandError> {
    let mut p = Parser { input: text.as_bytes(), text, pos: 0 };
    let v = p.keyvals(None)?;
    if p.pos < p.input.len() {
        return Err(p.error("EOF"));
    }
    Ok(v)
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn error(&self, expected: &str) -> ShorthandError {
        let received = match self.peek() {
            None => "EOF".to_string(),
            Some(_) => self.text[self.pos..].chars().next().map(String::from).unwrap_or_default(),
        };
        ShorthandError { expected: expected.to_string(), received, position: self.pos }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n')) {
            self.pos += 1;
        }
    }

    fn keyvals(&mut self, close: Option<u8>) -> Result<Value, ShorthandError> {
        let mut map = Map::new();
        loop {
            self.skip_ws();
            let key = self.key()?;
            self.skip_ws();
            if self.peek() != Some(b'=') {
                return Err(self.error("="));
            }
            self.pos += 1;
            let value = self.values(close)?;
            map.insert(key, value);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                }
                c if c == close || c.is_none() => return Ok(Value::Object(map)),
                _ => return Err(self.error(",")),
            }
        }
    }

    fn key(&mut self) -> Result<String, ShorthandError> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if matches!(c, b'=' | b',' | b'[' | b']' | b'{' | b'}') || c.is_ascii_whitespace() {
                break;
            }
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.error("key"));
        }
        Ok(self.text[start..self.pos].to_string())
    }

    /// True when the text from the current position looks like `key=` (a new keyval).
    fn at_keyval(&self) -> bool {
        let mut i = self.pos;
        while let Some(&c) = self.input.get(i) {
            if c == b'=' {
                return i > self.pos;
            }
            if matches!(c, b',' | b'[' | b']' | b'{' | b'}' | b'\'' | b'"') || c.is_ascii_whitespace() {
                return false;
            }
            i += 1;
        }
        false
    }

    fn values(&mut self, close: Option<u8>) -> Result<Value, ShorthandError> {
        self.skip_ws();
        let first = match self.peek() {
            Some(b'[') => return self.list(),
            Some(b'{') => return self.hash(),
            Some(b',') | None => Value::String(String::new()),
            c if c == close => Value::String(String::new()),
            _ => self.scalar()?,
        };
        let mut items = vec![first];
        while self.peek() == Some(b',') {
            let save = self.pos;
            self.pos += 1;
            if self.at_keyval() {
                self.pos = save;
                break;
            }
            if matches!(self.peek(), None | Some(b',')) || self.peek() == close {
                self.pos = save;
                break;
            }
            items.push(self.scalar()?);
        }
        Ok(if items.len() == 1 { items.pop().unwrap_or(Value::Null) } else { Value::Array(items) })
    }

    fn list(&mut self) -> Result<Value, ShorthandError> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                Some(b'{') => items.push(self.hash()?),
                Some(b'[') => items.push(self.list()?),
                None => return Err(self.error("]")),
                _ => items.push(self.scalar()?),
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {}
                _ => return Err(self.error("]")),
            }
        }
    }

    fn hash(&mut self) -> Result<Value, ShorthandError> {
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(Map::new()));
        }
        let v = self.keyvals(Some(b'}'))?;
        if self.peek() != Some(b'}') {
            return Err(self.error("}"));
        }
        self.pos += 1;
        Ok(v)
    }

    fn scalar(&mut self) -> Result<Value, ShorthandError> {
        match self.peek() {
            Some(q @ (b'\'' | b'"')) => {
                self.pos += 1;
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if c == q {
                        let s = self.text[start..self.pos].to_string();
                        self.pos += 1;
                        return Ok(Value::String(s));
                    }
                    self.pos += 1;
                }
                Err(self.error(&(q as char).to_string()))
            }
            _ => {
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b'[' | b']' | b'{' | b'}') {
                        break;
                    }
                    self.pos += 1;
                }
                Ok(Value::String(self.text[start..self.pos].trim_end().to_string()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tags_and_filters() {
        assert_eq!(parse("Key=Name,Value=web").unwrap(), json!({"Key": "Name", "Value": "web"}));
        assert_eq!(
            parse("Name=instance-state-name,Values=running,stopped").unwrap(),
            json!({"Name": "instance-state-name", "Values": ["running", "stopped"]})
        );
        assert_eq!(
            parse("ResourceType=instance,Tags=[{Key=Name,Value=web},{Key=env,Value=dev}]").unwrap(),
            json!({"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web"}, {"Key": "env", "Value": "dev"}]})
        );
        assert_eq!(
            parse("DeviceName=/dev/xvda,Ebs={VolumeSize=20,VolumeType=gp3}").unwrap(),
            json!({"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": "20", "VolumeType": "gp3"}})
        );
        assert_eq!(
            parse("IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]").unwrap()["IpRanges"]
                [0]["CidrIp"],
            "0.0.0.0/0"
        );
        assert!(parse("foo").is_err());
        assert!(parse("a=[b").is_err());
    }
}
