//! The layers of the library, and the test that keeps imports pointing down.
//!
//! Every top-level module has a rank in [`LAYERS`]; a module may use only
//! modules of a lower rank (and its own submodules). The test reads every
//! source file with `syn`, collects each `crate::…` path in `use` items and in
//! code (doc comments are not code: a doc link may point anywhere), and fails
//! on any path that reaches a module of the same or a higher rank. So an
//! import back up the pipeline, and with it any import circle, fails
//! `cargo test` — the build of CI — instead of waiting for a review.
//!
//! Why a test and not a workspace of crates: the layers are the same either
//! way, but one crate keeps one set of paths, one `cargo test`, fat LTO over
//! everything and no re-export boilerplate, and this test names the file and
//! the path that broke the rule. `docs/architecture.md` draws the same table.

/// Bottom to top. Modules in one inner list share a rank and may not use each
/// other.
pub(crate) const LAYERS: &[&[&str]] = &[
    // Shared vocabulary.
    &["error", "vi"],
    &["i18n"],
    &["yaml", "text", "files", "output", "markdown"],
    // Settings.
    &["config"],
    &["theme"],
    // load → model.
    &["load"],
    &["site"],
    // Features that enrich the model.
    &["images", "search"],
    // render → verify (reading the pages back) → write.
    &["render"],
    &["verify"],
    &["write"],
    // The driver and what sits on it.
    &["build"],
    &["session", "scaffold"],
    // The editor's preview of unsaved text (on the driver and the session).
    &["draft"],
    &["check", "serve"],
];

#[cfg(test)]
mod tests {
    use super::LAYERS;
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};
    use syn::visit::Visit;

    fn rank(module: &str) -> Option<usize> {
        LAYERS.iter().position(|layer| layer.contains(&module))
    }

    /// The `crate::x` modules named by paths in one file (outside tests).
    #[derive(Default)]
    struct Uses(BTreeSet<String>);

    impl Uses {
        fn note(&mut self, first: &str, second: Option<String>) {
            if first == "crate"
                && let Some(m) = second
            {
                // Exported macros live at the crate root; each belongs to
                // the module that defines it.
                let m = match m.as_str() {
                    "problem" | "msg" => "i18n".to_string(),
                    _ => m,
                };
                self.0.insert(m);
            }
        }
    }

    impl<'a> Visit<'a> for Uses {
        fn visit_item_use(&mut self, u: &'a syn::ItemUse) {
            if let syn::UseTree::Path(p) = &u.tree {
                for second in tree_heads(&p.tree) {
                    self.note(&p.ident.to_string(), Some(second));
                }
            }
        }
        fn visit_path(&mut self, p: &'a syn::Path) {
            let mut it = p.segments.iter().map(|s| s.ident.to_string());
            if let Some(first) = it.next() {
                self.note(&first, it.next());
            }
            syn::visit::visit_path(self, p);
        }
        fn visit_item_mod(&mut self, m: &'a syn::ItemMod) {
            let is_test = m.attrs.iter().any(|a| {
                a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test")
            });
            if !is_test {
                syn::visit::visit_item_mod(self, m);
            }
        }
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            // Paths inside macro calls (format!, matches!, …) are tokens:
            // read them as the words that follow `crate ::`.
            let tokens: Vec<String> = mac
                .tokens
                .clone()
                .into_iter()
                .map(|t| t.to_string())
                .collect();
            for w in tokens.windows(4) {
                if w[0] == "crate" && w[1] == ":" && w[2] == ":" {
                    self.note("crate", Some(w[3].clone()));
                }
            }
        }
    }

    /// The first names of a use tree (`{a, b::c}` → a, b).
    fn tree_heads(t: &syn::UseTree) -> Vec<String> {
        match t {
            syn::UseTree::Path(p) => vec![p.ident.to_string()],
            syn::UseTree::Name(n) => vec![n.ident.to_string()],
            syn::UseTree::Rename(r) => vec![r.ident.to_string()],
            syn::UseTree::Group(g) => g.items.iter().flat_map(tree_heads).collect(),
            syn::UseTree::Glob(_) => vec![],
        }
    }

    fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                sources(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }

    /// The top-level module a source file belongs to (`src/site/links.rs` → site).
    fn module_of(src: &Path, file: &Path) -> String {
        let rel = file.strip_prefix(src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        first.trim_end_matches(".rs").to_string()
    }

    /// Every `crate::` path that reaches sideways or up, as `file: a -> b`.
    fn violations(src: &Path) -> Vec<String> {
        let mut files = Vec::new();
        sources(src, &mut files);
        files.sort();
        let mut bad = Vec::new();
        for file in files {
            let module = module_of(src, &file);
            if matches!(module.as_str(), "lib" | "bin" | "layers") {
                continue;
            }
            let Some(own) = rank(&module) else {
                bad.push(format!(
                    "{}: module `{module}` has no layer",
                    file.display()
                ));
                continue;
            };
            let ast = syn::parse_file(&std::fs::read_to_string(&file).unwrap()).unwrap();
            let mut uses = Uses::default();
            uses.visit_file(&ast);
            for used in uses.0 {
                if used == module {
                    continue;
                }
                match rank(&used) {
                    Some(r) if r < own => {}
                    _ => bad.push(format!("{}: {module} -> {used}", file.display())),
                }
            }
        }
        bad
    }

    #[test]
    fn imports_only_point_down_the_layers() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let bad = violations(&src);
        assert!(
            bad.is_empty(),
            "imports that do not point down (see src/layers.rs):\n{}",
            bad.join("\n")
        );
    }

    #[test]
    fn every_module_of_the_library_has_a_layer() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
        for line in lib.lines() {
            let line = line.trim_start_matches("pub ");
            if let Some(name) = line.strip_prefix("mod ").and_then(|l| l.strip_suffix(';'))
                && name != "layers"
            {
                assert!(rank(name).is_some(), "module `{name}` has no layer");
            }
        }
    }

    /// The test can fail: an import up the layers in a scratch tree is found.
    #[test]
    fn an_import_up_the_layers_is_found() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.rs"), "use crate::render::Output;\n").unwrap();
        std::fs::write(
            dir.path().join("load.rs"),
            "fn f() { let _ = format!(\"{}\", crate::site::X); }\n/// [`crate::render`]\nfn g() {}\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("text.rs"),
            "use crate::{error::Diagnostic, files};\n",
        )
        .unwrap();
        let bad = violations(dir.path());
        let bad: Vec<&str> = bad.iter().map(|b| b.rsplit(": ").next().unwrap()).collect();
        assert_eq!(bad, ["load -> site", "site -> render", "text -> files"]);
    }

    /// Functions longer than this need a reason in their doc comment
    /// ("Long on purpose: …"); files longer than [`FILE_LINES`] are split.
    const FN_LINES: usize = 80;
    /// The most lines of code a source file may have before its unit tests.
    const FILE_LINES: usize = 600;

    /// Every function longer than [`FN_LINES`] without a reason, and every
    /// file whose code (its unit tests aside) is longer than [`FILE_LINES`],
    /// as `path: what`.
    fn too_long(text: &str, path: &str) -> Vec<String> {
        let mut out = Vec::new();
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
        if code.lines().count() > FILE_LINES {
            out.push(format!("{path}: {} lines", code.lines().count()));
        }
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let body = line.trim_start();
            let indent = &line[..line.len() - body.len()];
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "pub(super) fn ",
                "async fn ",
            ]
            .iter()
            .any(|p| body.starts_with(p));
            if !is_fn || body.ends_with(';') {
                continue;
            }
            let close = format!("{indent}}}");
            let Some(len) = lines[i + 1..].iter().position(|l| *l == close) else {
                continue;
            };
            let docs = lines[..i].iter().rev().take_while(|l| {
                l.trim_start().starts_with("///") || l.trim_start().starts_with("#[")
            });
            let reason = docs.into_iter().any(|l| l.contains("Long on purpose"));
            if len + 1 > FN_LINES && !reason {
                let name = body.split('(').next().unwrap_or(body);
                out.push(format!("{path}:{}: `{name}` is {} lines", i + 1, len + 1));
            }
        }
        out
    }

    /// Sizes that fit in a head: the library and the binary have no long
    /// function without a reason and no long file.
    #[test]
    fn no_function_or_file_is_too_long_to_read() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&src, &mut files);
        let mut bad = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            bad.extend(too_long(
                &text,
                &file.strip_prefix(&src).unwrap().display().to_string(),
            ));
        }
        assert_eq!(
            bad,
            Vec::<String>::new(),
            "split these (see docs/architecture.md)"
        );
    }

    /// The size check can fail: a long function and a long file are found,
    /// a long function with its reason is not.
    #[test]
    fn a_long_function_is_found() {
        let body = "    x();\n".repeat(FN_LINES);
        let text = format!(
            "fn long() {{\n{body}}}\n/// Long on purpose: one story.\nfn told() {{\n{body}}}\n"
        );
        assert_eq!(too_long(&text, "a.rs"), ["a.rs:1: `fn long` is 81 lines"]);
        let big = "const X: u8 = 1;\n".repeat(FILE_LINES + 1);
        assert_eq!(
            too_long(&big, "b.rs"),
            [format!("b.rs: {} lines", FILE_LINES + 1)]
        );
    }
}
