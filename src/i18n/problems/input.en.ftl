## Problems found reading the site's files: content, front matter, config.yaml, the theme, data files (src/load, src/config.rs, src/theme.rs, src/yaml.rs, src/text.rs, src/files.rs).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.

problem-symlink = symbolic link not followed
