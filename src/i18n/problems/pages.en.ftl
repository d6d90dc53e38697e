## Problems found rendering and verifying the pages: Markdown, templates, links, anchors, alt text, raw HTML (src/render, src/verify, src/check).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.

problem-missing-summary = the article has no `summary:` (this site requires one)
problem-missing-summary-hint = add a line `summary: "…"` with one or two sentences for the listing pages
problem-missing-category = the article has no `category:` (this site requires one)
problem-missing-category-hint = add a line `category: "…"`, e.g. one the other articles use
