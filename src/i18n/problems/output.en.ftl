## Problems found writing the output, serving the preview, the editor, init and new (src/write, src/serve, src/build.rs, src/scaffold.rs, src/draft.rs, src/error.rs).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.

problem-folder-not-empty = the folder is not empty: bantin init only creates a site in an empty folder
problem-folder-not-empty-hint = choose a new folder name: bantin init ten-trang
problem-no-title = expected a title: bantin new "Tiêu đề bài viết"
problem-no-file-name = cannot make a file name from this title
problem-no-file-name-hint = give one with --slug
problem-file-exists = the file already exists and was left untouched
problem-file-exists-hint = choose another title, or give a file name with --slug
