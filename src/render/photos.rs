//! The render part of the photos feature: `<picture>`/`<figure>` markup for
//! body images ([`BodyImages`], driven by the Markdown renderer) and the Tera
//! function `resize_image` ([`register`]). Both read the photo stage's result
//! ([`Images`]); the stage itself (derivatives, cache) is [`crate::images`].

use crate::images::derive::{Format, MAX_SIDE, Op};
use crate::images::{Images, Picture};
use crate::site::links::LinkTable;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::sync::Arc;

/// Text for an HTML attribute or element (`&`, `<`, `>`, `"`, `'` escaped).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `<picture>` markup for a body image.
pub fn picture_html(p: &Picture, alt: &str, title: Option<&str>, lazy: bool) -> String {
    let mut h = String::from("<picture>");
    if let Some(webp) = &p.webp_srcset {
        h.push_str(&format!(
            "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">",
            escape(webp),
            p.sizes
        ));
    }
    h.push_str(&format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"",
        escape(&p.src),
        escape(&p.srcset),
        p.sizes,
        p.width,
        p.height,
        escape(alt)
    ));
    if let Some(t) = title {
        h.push_str(&format!(" title=\"{}\"", escape(t)));
    }
    if lazy {
        h.push_str(" loading=\"lazy\"");
    }
    h.push_str(" decoding=\"async\"></picture>");
    h
}

/// Turns processed Markdown images into `<picture>` markup, and an image alone
/// in its paragraph with a title (`![alt](a.jpg "caption")`) into a
/// `<figure>` with `<figcaption>` (replacing the paragraph). Driven by the
/// event loop of [`crate::render::markdown`].
pub struct BodyImages<'i> {
    images: Option<&'i Images>,
    /// An image being read: index of its placeholder event, picture, title.
    open: Option<(usize, &'i Picture, String)>,
    /// A figure just written: index of the paragraph start before it, and
    /// the inline markup to use instead if the paragraph goes on.
    figure: Option<(usize, String)>,
}

impl<'i> BodyImages<'i> {
    /// Markup for the body images of one article; with `images` `None` (no
    /// image stage), every image stays a plain `<img>`.
    pub fn new(images: Option<&'i Images>) -> Self {
        BodyImages {
            images,
            open: None,
            figure: None,
        }
    }

    /// Call before handling each event; `true` when the event was consumed.
    pub fn before(&mut self, events: &mut Vec<Event<'_>>, ev: &Event<'_>) -> bool {
        let Some((para, inline)) = self.figure.take() else {
            return false;
        };
        if matches!(ev, Event::End(TagEnd::Paragraph)) {
            events.remove(para);
            return true;
        }
        events[para + 1] = Event::Html(CowStr::from(inline));
        false
    }

    /// At the start of an image: `true` (and the image is handled here) when it is a processed photo.
    pub fn start(
        &mut self,
        events: &mut Vec<Event<'_>>,
        links: &LinkTable,
        dir: &str,
        dest: &str,
        title: &str,
    ) -> bool {
        let Some(p) = self.images.and_then(|i| i.body_picture(links, dir, dest)) else {
            return false;
        };
        self.open = Some((events.len(), p, title.to_string()));
        events.push(Event::Html(CowStr::from("")));
        true
    }

    /// At the end of an image: `true` when it was one of ours.
    pub fn end(&mut self, events: &mut Vec<Event<'_>>) -> bool {
        let Some((at, p, title)) = self.open.take() else {
            return false;
        };
        let alt: String = events[at + 1..]
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                Event::SoftBreak | Event::HardBreak => Some(" "),
                _ => None,
            })
            .collect();
        events.truncate(at);
        let title = (!title.trim().is_empty()).then_some(title.trim());
        let inline = picture_html(p, &alt, title, true);
        let alone = at > 0 && matches!(events[at - 1], Event::Start(Tag::Paragraph));
        match title {
            Some(caption) if alone => {
                let figure = format!(
                    "<figure class=\"figure\">{}<figcaption>{}</figcaption></figure>\n",
                    picture_html(p, &alt, None, true),
                    escape(caption)
                );
                events.push(Event::Html(CowStr::from(figure)));
                self.figure = Some((at - 1, inline));
            }
            _ => events.push(Event::Html(CowStr::from(inline))),
        }
        true
    }
}

/// Where `resize_image` finds the image stage of the build (set when the
/// stage has run; replaced on every rebuild when compiled templates are kept).
pub type Slot = Arc<std::sync::RwLock<Option<Arc<Images>>>>;

/// Register the Tera function `resize_image(path, width, height, op, format)`
/// → `{url, width, height}`. It runs on demand during rendering with the
/// stage's cache, from many threads at once.
pub fn register(tera: &mut tera::Tera, slot: Slot) {
    tera.register_function(
        "resize_image",
        move |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<tera::Value> {
            let path: String = kwargs.must_get("path")?;
            let size = |key: &str| -> tera::TeraResult<u32> {
                match kwargs.get::<i64>(key)? {
                    None => Ok(0),
                    Some(n) if (1..=i64::from(MAX_SIDE)).contains(&n) => Ok(n as u32),
                    Some(n) => Err(tera::Error::message(format!(
                        "resize_image: `{key}` must be between 1 and {}, got {n}",
                        MAX_SIDE
                    ))),
                }
            };
            let (width, height) = (size("width")?, size("height")?);
            let op_name: String = kwargs.get("op")?.unwrap_or_else(|| "fit".to_string());
            let op = Op::parse(&op_name).ok_or_else(|| {
                tera::Error::message(format!(
                    "resize_image: `op` must be \"fit\", \"fill\" or \"scale\", got \"{op_name}\""
                ))
            })?;
            if width == 0 && height == 0 || op != Op::Fit && (width == 0 || height == 0) {
                return Err(tera::Error::message(
                    "resize_image: give `width` and `height` (`fit` needs at least one)",
                ));
            }
            let format_name: String = kwargs.get("format")?.unwrap_or_else(|| "auto".to_string());
            let format = match format_name.as_str() {
                "auto" => None,
                "jpg" | "jpeg" => Some(Format::Jpeg),
                "png" => Some(Format::Png),
                "webp" => Some(Format::WebP),
                other => {
                    return Err(tera::Error::message(format!(
                        "resize_image: `format` must be \"webp\", \"jpg\", \"png\" or \"auto\", got \"{other}\""
                    )));
                }
            };
            let page: Option<String> = state.get("current_url")?;
            let images = slot
                .read()
                .expect("not poisoned")
                .clone()
                .ok_or_else(|| {
                    tera::Error::message("resize_image: photos are only processed during a build")
                })?;
            let v = images
                .resize_for_template(&path, page.as_deref(), op, width, height, format)
                .map_err(tera::Error::message)?;
            Ok(super::views::map([
                ("url", v.url.into()),
                ("width", v.width.into()),
                ("height", v.height.into()),
            ]))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::CONTENT_SIZES;

    #[test]
    fn picture_markup_is_escaped_and_complete() {
        let p = Picture {
            src: "/a-960.jpg".into(),
            width: 960,
            height: 640,
            srcset: "/a-480.jpg 480w, /a-960.jpg 960w".into(),
            webp_srcset: Some("/a-480.webp 480w".into()),
            sizes: CONTENT_SIZES,
        };
        let h = picture_html(&p, "Ảnh \"hội nghị\" <b>", Some("Chú thích"), true);
        assert!(
            h.starts_with("<picture><source type=\"image/webp\" srcset=\"/a-480.webp 480w\""),
            "{h}"
        );
        assert!(h.contains("width=\"960\" height=\"640\""), "{h}");
        assert!(
            h.contains("alt=\"Ảnh &quot;hội nghị&quot; &lt;b&gt;\""),
            "{h}"
        );
        assert!(h.contains("loading=\"lazy\" decoding=\"async\""), "{h}");
        assert!(!picture_html(&p, "", None, false).contains("loading"));
    }
}
