//! Resource tags: ordered key/value pairs with AWS's replace-on-same-key semantics.

/// One tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

/// Sets `key` to `value`, replacing an existing tag with that key.
pub fn set_tag(tags: &mut Vec<Tag>, key: &str, value: &str) {
    match tags.iter_mut().find(|t| t.key == key) {
        Some(t) => t.value = value.to_string(),
        None => tags.push(Tag { key: key.to_string(), value: value.to_string() }),
    }
}

/// Removes `key` (only when its value equals `value`, if one is given).
pub fn remove_tag(tags: &mut Vec<Tag>, key: &str, value: Option<&str>) {
    tags.retain(|t| !(t.key == key && value.is_none_or(|v| v == t.value)));
}

/// The value of tag `key`.
pub fn tag_value<'a>(tags: &'a [Tag], key: &str) -> Option<&'a str> {
    tags.iter().find(|t| t.key == key).map(|t| t.value.as_str())
}
