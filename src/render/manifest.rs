//! The web app manifest (`manifest.webmanifest`): the site's name, icons and
//! colours for a phone's home screen, with `start_url` and `scope` under the
//! site's root so a site in a sub-path stays in it. Serialized from typed
//! data, so a quote in the title cannot break it.

use super::Output;
use crate::site::Site;
use crate::site::links::encode_path;
use crate::theme::Theme;
use serde::Serialize;

/// Where the manifest is published.
pub const PATH: &str = "manifest.webmanifest";

/// The header colour of the default theme; `extra.theme_color` in
/// `config.yaml` replaces it (for a theme of other colours).
const THEME_COLOR: &str = "#9e1b1b";

/// The raster icons the manifest lists, when the theme has them.
const ICONS: [(&str, &str); 2] = [("icon-192.png", "192x192"), ("icon-512.png", "512x512")];

#[derive(Serialize)]
struct Manifest<'a> {
    name: &'a str,
    short_name: &'a str,
    lang: &'a str,
    start_url: &'a str,
    scope: &'a str,
    display: &'a str,
    theme_color: &'a str,
    background_color: &'a str,
    icons: Vec<Icon>,
}

#[derive(Serialize)]
struct Icon {
    src: String,
    sizes: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The manifest of `site` with the icons `theme` ships.
pub fn manifest(site: &Site, theme: &Theme) -> Output {
    let config = &site.config;
    let root = config.base.root.as_str();
    let mut icons: Vec<Icon> = ICONS
        .iter()
        .filter(|(file, _)| theme.statics.contains_key(*file))
        .map(|(file, sizes)| Icon {
            src: format!("{root}{}", encode_path(file)),
            sizes,
            kind: "image/png",
        })
        .collect();
    if theme.statics.contains_key("favicon.svg") {
        icons.push(Icon {
            src: format!("{root}favicon.svg"),
            sizes: "any",
            kind: "image/svg+xml",
        });
    }
    let manifest = Manifest {
        name: &config.title,
        short_name: &config.title,
        lang: config.language.code(),
        start_url: root,
        scope: root,
        display: "browser",
        theme_color: config
            .extra
            .get("theme_color")
            .and_then(|v| v.as_str())
            .unwrap_or(THEME_COLOR),
        background_color: "#ffffff",
        icons,
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest).expect("a manifest serializes");
    bytes.push(b'\n');
    Output {
        path: PATH.to_string(),
        bytes,
    }
}
