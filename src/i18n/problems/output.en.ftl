## Problems found writing the output, serving the preview, the editor, init and new (src/write, src/serve, src/build.rs, src/scaffold.rs, src/draft.rs, src/error.rs).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.

problem-folder-not-empty = the folder is not empty: bantin init only creates a site in an empty folder
problem-folder-not-empty-hint = choose a new folder name: bantin init ten-trang
problem-no-title = expected a title: bantin new "Tiêu đề bài viết"
problem-no-file-name = cannot make a file name from this title
problem-no-file-name-hint = give one with --slug
problem-file-exists = the file already exists and was left untouched
problem-file-exists-hint = choose another title, or give a file name with --slug

## Input/output failures (Diagnostic::io, Diagnostic::io_op); $detail is the system's own text.
problem-input-output-error = input/output error: { $detail }
problem-cannot-read-file = cannot read the file: { $detail }
problem-cannot-write-file = cannot write the file: { $detail }
problem-cannot-rename-into-place = cannot rename into place: { $detail }
problem-cannot-copy-file = cannot copy the file: { $detail }
problem-cannot-create-folder = cannot create the folder: { $detail }
problem-cannot-list-folder = cannot list the folder: { $detail }
problem-cannot-remove = cannot remove: { $detail }
problem-cannot-inspect-file = cannot inspect the file: { $detail }

## Writing the output folder (src/write).
problem-cannot-lock-output = cannot lock the output: { $detail }
problem-cannot-create-folder-in = cannot create a folder in { $path }: { $detail }
problem-cannot-put-build-in-place = cannot put the new build in place at { $path }: { $detail }
problem-cannot-remove-previous-build = cannot remove the previous build at { $path }: { $detail }
problem-cannot-read = cannot read: { $detail }
problem-cannot-restore-previous-output = cannot restore the previous output from { $path }: { $detail }
problem-cannot-remove-leftover = cannot remove the leftover: { $detail }
problem-cannot-resolve-path = cannot resolve the path: { $detail }
problem-output-not-bantins = refusing to replace a folder that holds files bantin did not build
problem-output-not-bantins-hint = empty the folder, choose another --output, or pass --clean to replace everything in it
problem-cannot-read-output-record = cannot read bantin's output record: { $detail }
problem-cannot-read-output-record-hint = delete it and pass --clean, or empty the output folder
problem-output-is-site = refusing to write the build over the site itself
problem-output-is-site-hint = choose an output folder inside the site, such as public/
problem-output-in-sources = refusing to write the build into { $folder }/
problem-output-in-sources-hint = choose an output folder such as public/
problem-output-is-file = the output path is a file, expected a folder
problem-output-dangling-symlink = { $link } is a symlink to nothing
problem-output-dangling-symlink-hint = make the folder it points to, or point it elsewhere

## Serving the preview (src/serve); $port, $first and $last are port numbers.
problem-cannot-open-site-folder = cannot open the site folder: { $detail }
problem-cannot-start-editor = cannot start the editor: { $detail }
problem-cannot-watch = { $detail }
problem-serve-cannot-start = cannot start: { $detail }
problem-server-stopped = server stopped: { $detail }
problem-cannot-listen-on-port = cannot listen on port { $port }: { $detail }
problem-ports-in-use = ports { $first }–{ $last } are all in use ({ $detail })
problem-ports-in-use-hint = choose another with --port

## The editor's draft preview (src/draft.rs).
problem-not-an-article-file = not an article file

## Soạn bài (src/serve/editor/).
problem-editor-front-matter-not-a-mapping = the front matter is not a list of `key: value` lines
problem-editor-not-utf8 = the file is not valid UTF-8
