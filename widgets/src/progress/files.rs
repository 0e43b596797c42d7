//! Files in the browser: offering text as a download, and reading the files a learner picked.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, Url};

/// Offers `text` as a file called `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |what: &str| format!("could not prepare the download: {what}");
    let parts = js_sys::Array::of1(&text.into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail("blob"))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| fail("object URL"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| fail("no document"))?;
    let link: HtmlAnchorElement =
        document.create_element("a").map_err(|_| fail("link"))?.dyn_into().map_err(|_| fail("link"))?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

/// The `(name, text)` of every file chosen in `input`. Unreadable files come back as errors.
pub async fn read_chosen(input: &HtmlInputElement) -> Vec<Result<(String, String), String>> {
    let Some(list) = input.files() else { return Vec::new() };
    let mut out = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.item(i) else { continue };
        let name = file.name();
        let text = JsFuture::from(file.text()).await;
        out.push(match text.ok().and_then(|v| v.as_string()) {
            Some(text) => Ok((name, text)),
            None => Err(format!("{name}: the file could not be read")),
        });
    }
    out
}
