//! The form's fields come from the front-matter types the loader enforces
//! ([`FrontMatter`], [`DispatchFront`]): their field names are read from the
//! types themselves (serde tells a deserializer which fields a struct has),
//! and each gets a widget here. A field added to the loader without a widget
//! fails `every_schema_field_has_a_widget`, so form and loader cannot drift.
//! The order of the types is also the order keys are written in.

use crate::load::frontmatter::{DispatchFront, FrontMatter};
use serde::de::{self, Deserialize, Deserializer, Visitor};

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    Text,
    /// Text with the length shown.
    LongText,
    /// Existing values offered, a new one allowed.
    Choice,
    /// A comma-separated list, existing terms offered.
    Terms,
    DateTime,
    Date,
    Check,
    Slug,
    /// The dispatch number, checked as it is typed.
    Number,
    /// Not edited in this form (photos, attachments, theme fields): kept as written.
    Kept,
}

/// A key of the front matter and its widget.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub widget: Widget,
}

/// Widgets of the article's keys; keys missing here are an error (see the test).
const ARTICLE: &[(&str, Widget)] = &[
    ("title", Widget::Text),
    ("date", Widget::DateTime),
    ("updated", Widget::Kept),
    ("views", Widget::Kept),
    ("author", Widget::Text),
    ("category", Widget::Choice),
    ("tags", Widget::Terms),
    ("summary", Widget::LongText),
    ("image", Widget::Kept),
    ("image_alt", Widget::Kept),
    ("image_caption", Widget::Kept),
    ("image_credit", Widget::Kept),
    ("image_focus", Widget::Kept),
    ("slug", Widget::Slug),
    ("draft", Widget::Check),
    ("pinned", Widget::Check),
    ("template", Widget::Kept),
    ("dispatch", Widget::Kept),
    ("extra", Widget::Kept),
];

/// Widgets of the `dispatch:` keys.
const DISPATCH: &[(&str, Widget)] = &[
    ("number", Widget::Number),
    ("kind", Widget::Choice),
    ("issued", Widget::Date),
    ("issuer", Widget::Choice),
    ("signer", Widget::Text),
    ("subject", Widget::Text),
    ("file", Widget::Kept),
    ("files", Widget::Kept),
    ("effective", Widget::Date),
    ("field", Widget::Choice),
    ("status", Widget::Choice),
];

/// The keys of the article front matter, in the loader's order, with widgets.
pub fn article() -> Vec<Field> {
    fields(struct_fields::<FrontMatter>(), ARTICLE)
}

/// The keys of the `dispatch:` block, in the loader's order, with widgets.
pub fn dispatch() -> Vec<Field> {
    fields(struct_fields::<DispatchFront>(), DISPATCH)
}

fn fields(keys: &'static [&'static str], widgets: &[(&str, Widget)]) -> Vec<Field> {
    keys.iter()
        .map(|key| Field {
            key,
            widget: widgets
                .iter()
                .find(|(k, _)| k == key)
                .map_or(Widget::Kept, |(_, w)| *w),
        })
        .collect()
}

/// The field names serde knows for struct `T`, in declaration order.
pub fn struct_fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut found: &'static [&'static str] = &[];
    let _ = T::deserialize(Fields(&mut found));
    found
}

/// A deserializer that only records the fields a struct asks for.
struct Fields<'a>(&'a mut &'static [&'static str]);

#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("fields recorded")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> Deserializer<'de> for Fields<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Stop> {
        *self.0 = fields;
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_field_has_a_widget() {
        for key in struct_fields::<FrontMatter>() {
            assert!(
                ARTICLE.iter().any(|(k, _)| k == key),
                "no widget for `{key}`"
            );
        }
        for key in struct_fields::<DispatchFront>() {
            assert!(
                DISPATCH.iter().any(|(k, _)| k == key),
                "no widget for `dispatch.{key}`"
            );
        }
        assert_eq!(article()[0].key, "title");
        assert!(dispatch().iter().any(|f| f.widget == Widget::Number));
    }
}
