## Problems found reading the site's files: content, front matter, config.yaml, the theme, data files (src/load, src/config.rs, src/theme.rs, src/yaml.rs, src/text.rs, src/files.rs).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.

problem-symlink = bỏ qua liên kết tượng trưng (symlink), không đọc tệp mà nó trỏ tới
