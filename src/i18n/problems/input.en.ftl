## Problems found reading the site's files: content, front matter, config.yaml, the theme, data files (src/load, src/config.rs, src/theme.rs, src/yaml.rs, src/text.rs, src/files.rs).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.

problem-symlink = symbolic link not followed

## YAML (src/yaml.rs): front matter, config.yaml, theme strings. serde's and
## libyaml's wordings, sorted into these messages; `key` is serde_yaml's
## path of the value (`views`, `dispatch.files`, `tags[1]`).

problem-yaml-too-deep = too deeply nested: more than { $max } levels of [ ] or {"{"} {"}"}
problem-yaml-too-deep-hint = close the brackets, or write the value on several lines
# A wording of the parser the catalog has no message for, as the parser put it.
problem-yaml-error = { $detail }
problem-yaml-expand-aliases = YAML aliases (*name) here expand to too much data: write the values out
problem-yaml-never-closed = a quoted value or a [list] that starts here is never closed
problem-unknown-key = unknown key `{ $key }`
problem-unknown-key-in = unknown key `{ $key }` in `{ $section }`
problem-unknown-key-did-you-mean = did you mean `{ $suggestion }`?
problem-unknown-key-known = known keys: { $keys }
# `found`: string, integer, float, boolean (with `value` as the parser wrote
# it), sequence, map, null; `expected`: u64, usize, i64, boolean, string,
# sequence, map, struct (with its `name`).
problem-wrong-type = { $key }: wrong type: found { $found ->
        [integer] integer { $value }
        [float] floating point { $value }
        [boolean] boolean { $value }
        [sequence] sequence
        [map] map
        [null] unit value
       *[string] string { $value }
    }, expected { $expected ->
        [boolean] a boolean
        [string] a string
        [sequence] a sequence
        [map] a map
        [struct] struct { $name }
       *[other] { $expected }
    }
# The whole block is not a mapping: `expected` is struct (with its `name`) or map.
problem-wrong-type-top = wrong type: found { $found ->
        [integer] integer { $value }
        [float] floating point { $value }
        [boolean] boolean { $value }
        [sequence] sequence
        [map] map
        [null] unit value
       *[string] string { $value }
    }, expected { $expected ->
        [map] a map
       *[struct] struct { $name }
    }
problem-missing-key = missing required key `{ $name }`
problem-missing-key-in = { $key }: missing required key `{ $name }`
problem-duplicate-key = duplicate field `{ $name }`
problem-duplicate-key-in = { $key }: duplicate field `{ $name }`
problem-bad-date = expected a date such as 2023-02-15T08:46:50+07:00, 2023-02-15, 2023-02-15 08:46 or 15/02/2023 08:46, found `{ $value }`
problem-bad-date-in = { $key }: expected a date such as 2023-02-15T08:46:50+07:00, 2023-02-15, 2023-02-15 08:46 or 15/02/2023 08:46, found `{ $value }`
problem-bad-day = expected a date such as 2023-02-15 or 15/02/2023, found `{ $value }`
problem-bad-day-in = { $key }: expected a date such as 2023-02-15 or 15/02/2023, found `{ $value }`
problem-yaml-colon = mapping values are not allowed in this context
problem-yaml-expected-key = did not find expected key
problem-yaml-missing-colon = could not find expected ':', while scanning a simple key
problem-yaml-unclosed-quote = found unexpected end of stream, while scanning a quoted scalar
problem-yaml-unclosed-list = did not find expected ',' or ']', while parsing a flow sequence
problem-yaml-unclosed-braces = did not find expected ',' or '{"}"}', while parsing a flow mapping
problem-yaml-missing-value = did not find expected node content
problem-yaml-dash = block sequence entries are not allowed in this context
problem-yaml-bad-start = found character that cannot start any token
problem-yaml-bad-start-tab = found character that cannot start any token, while scanning for the next token
problem-yaml-tab = found a tab character that violates indentation, while scanning a plain scalar
problem-yaml-escape = found unknown escape character, while parsing a quoted scalar
problem-yaml-escape-hex = did not find expected hexadecimal number, while parsing a quoted scalar
problem-yaml-star = did not find expected alphabetic or numeric character, while scanning an alias
problem-yaml-ampersand = did not find expected alphabetic or numeric character, while scanning an anchor
problem-yaml-unknown-alias = unknown anchor
problem-yaml-bang = did not find expected whitespace or line break, while scanning a tag
problem-yaml-bang-handle = found undefined tag handle
problem-yaml-documents = deserializing from YAML containing more than one document is not supported
problem-yaml-repetition = repetition limit exceeded
problem-yaml-recursion = recursion limit exceeded

## config.yaml (src/config.rs)

problem-config-unreadable = cannot read the site config: { $detail }
problem-config-unreadable-hint = run `bantin init` to create a site, or run bantin in the site's folder
# base_url: in config.yaml, or --base-url.
problem-base-url-not-absolute = expected an absolute URL such as https://example.gov.vn/, found `{ $url }`
problem-base-url-scheme = expected an http:// or https:// URL, found `{ $url }`
problem-base-url-no-host = expected a host name in `{ $url }`
problem-base-url-query = base_url cannot carry a query or fragment: `{ $url }`
problem-config-language = expected `vi` or `en`, found `{ $value }`
problem-config-timezone = expected an offset such as "+07:00", found `{ $value }`
problem-config-paginate = expected a number of articles per page, at least 1
problem-config-theme-name = expected the name of a folder in themes/, found `{ $value }`
problem-config-limits = expected sizes of at least 1 (title, summary, body_bytes)
problem-config-embed-host = expected a host name such as `www.youtube-nocookie.com`, found `{ $value }`

## The theme (src/theme.rs), text files (src/text.rs), special files (src/files.rs)

problem-theme-not-found = theme `{ $name }` not found: expected a folder themes/{ $name }/
problem-theme-unreadable = cannot read the theme: { $detail }
problem-not-utf8 = the file is not valid UTF-8 (byte offset { $offset })
problem-not-utf8-hint = save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8)
problem-special-file = { $kind ->
        [fifo] named pipe (FIFO)
        [socket] socket
        [device] device
       *[other] special file
    } skipped: only regular files are read
problem-special-file-hint = remove it from the site folder

## content/ (src/load)

problem-no-content-folder = no content/ folder in the site
problem-no-content-folder-hint = run bantin in the site's folder (the one holding config.yaml and content/)
problem-content-unreadable = cannot read: { $detail }
problem-file-name-not-unicode = file name is not valid Unicode: rename the file
problem-index-too-deep = `_index.md` belongs directly in a section folder (content/<section>/)
problem-no-front-matter = expected front matter: the file must start with a line `---`
problem-no-front-matter-hint = start the file with `---`, then `title: "…"` and other fields, then `---`
problem-front-matter-not-closed = front matter is never closed: expected a line `---` after the fields
problem-front-matter-not-closed-hint = add a line `---` between the last field and the body
problem-front-matter-empty = front matter is empty: expected at least `title:`
# Hints for a file of content/van-ban/ (the documents registry).
problem-records-only = content/van-ban/ holds documents only: write `dispatch:` (number, kind, issued, issuer, signer, subject, field, status, file/files) and optionally `draft:`; put news articles in another section
problem-record-needs-dispatch = a file in content/van-ban/ is a document: start it with `dispatch:` and `number:`

## View counts: data/views.csv, data/views.json (src/load/counts.rs)

problem-views-both-files = both data/views.csv and data/views.json exist: which counts are meant?
problem-views-both-files-hint = keep one of the two files
problem-views-bad-row = cannot read this row: { $detail }
problem-views-field-count = expected { $width } fields (path and view count, separated by `{ $sep }`), found { $count }
problem-views-field-count-hint = a row looks like `/tin-tuc/hoi-nghi/,1234`; quote a path that holds the separator
problem-views-empty-field = expected a page path, found an empty field
problem-views-empty-field-hint = write the URL path (`/tin-tuc/hoi-nghi/`) or the content file (`tin-tuc/hoi-nghi.md`)
problem-views-bad-count = expected a view count (a whole number, 0 or more), found `{ $value }`
problem-views-bad-json = invalid JSON: { $detail }
problem-views-json-shape = expected an object of path → count or an array of {"{"}path, views{"}"}
problem-views-entry-no-path = entry { $entry } has no "path" string
problem-views-entry-no-path-hint = each entry looks like {"{"}"path": "/tin-tuc/hoi-nghi/", "views": 1234{"}"}
problem-views-empty-string = expected a page path, found an empty string
problem-views-bad-count-for = expected a view count (a whole number, 0 or more) for `{ $path }`, found { $value }
problem-views-no-count = expected a view count (a whole number, 0 or more) for `{ $path }`, found nothing
problem-views-unknown-path = no published article has the path `{ $path }`; its count is ignored
problem-views-under-root = the site lives under { $root }: did you mean `{ $suggestion }`?
problem-views-deleted-article = a deleted or renamed article? write the URL path from the host root (`/tin-tuc/hoi-nghi/`) or the content file (`tin-tuc/hoi-nghi.md`)
