## Problems found rendering and verifying the pages: Markdown, templates, links, anchors, alt text, raw HTML (src/render, src/verify, src/check).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.

problem-missing-summary = bài viết chưa có `summary:` (tóm tắt), trang này yêu cầu phải có
problem-missing-summary-hint = thêm một dòng `summary: "…"` gồm một, hai câu tóm tắt để hiện ở trang danh sách bài
problem-missing-category = bài viết chưa có `category:` (chuyên mục), trang này yêu cầu phải có
problem-missing-category-hint = thêm một dòng `category: "…"`, chẳng hạn một chuyên mục các bài khác đang dùng
