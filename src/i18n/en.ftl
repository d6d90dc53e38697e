# bantin's messages in English. Every entry has its twin in vi.ftl (a test
# fails otherwise) and is used by the code (a test greps src/ for the id).
# Placeables ({ $x }) are printed without Unicode isolation marks: see
# src/i18n/mod.rs. Terms: docs/glossary.md.

## How a problem is printed: compiler-style, the same shape in every
## language, so that editors can open `path:line:col`.

severity-error = error
severity-warning = warning
note = note
hint-label = hint:
# `content/a.md:2:1: error: unknown key `tittle``
diagnostic = { $location }: { $severity }: { $message }
# `bantin check` adds the problem's stable code.
diagnostic-coded = { $location }: { $severity }: { $message } [{ $code }]
errors-nothing-written = { $n } errors; nothing was written.

## Problems rendered from the catalog (their code is stable, their text has
## no arguments). Their English text is the one the library gives.


## init and new

done-created = Created
init-created = { $created } a new site in { $dir } ({ $files } files)
init-next = Next: cd { $dir } && bantin build
new-created = { $created } { $path }

## build

done-built = Built
build-summary = { $built } { $articles } { $articles ->
    [one] article
   *[other] articles
}, { $pages } { $pages ->
    [one] page
   *[other] pages
}, { $attachments } { $attachments ->
    [one] attachment
   *[other] attachments
} in { $seconds } s → { $output }{ $skipped }
build-skipped = , { $n } drafts/future left out
build-timings-images = images: { $sources } photos, { $decoded } decoded, { $encoded } encoded, { $reused } from cache
build-timings-output = output: { $written } files written, { $unchanged } unchanged, { $removed } removed, { $compressed } compressed
# The progress bar; { $pos } and { $rate } stay as they are (the bar fills them in).
progress-rendering = rendering { $pos } pages ({ $rate })
foreign-kept = kept { $n } { $n ->
    [one] file
   *[other] files
} in { $output } that bantin did not write (`bantin build --clean` removes them):
foreign-removed = removed { $n } { $n ->
    [one] file
   *[other] files
} in { $output } that bantin did not write (--clean):
foreign-replaced = replaced { $n } { $n ->
    [one] file
   *[other] files
} in { $output } that bantin did not write by files of the site at the same path:
foreign-more = … and { $n } more
leftover-removed = removed { $path }, left by an interrupted build

## check

check-no-problems = No problems found
check-ok = { $ok } ({ $seen }).
check-counts = { $errors } { $errors ->
    [one] error
   *[other] errors
}, { $warnings } { $warnings ->
    [one] warning
   *[other] warnings
}
check-problems = { $counts } ({ $seen }).
check-seen = { $pages } pages, { $links } links checked in { $seconds } s

## serve: the terminal

serve-port-taken = port { $port } is in use, trying { $next }
serve-not-loopback = listening on { $ip }: other machines on the network can see the preview (default: 127.0.0.1)
done-serving = Serving
serve-listening = { $serving } at { $url } (Ctrl-C to stop)
serve-editor = { $editor } at { $url }
serve-editor-name = Editor (Soạn bài)
serve-editor-off = the editor (Soạn bài) is off: it writes files, so it is served on 127.0.0.1 or ::1 only, not on { $ip }
serve-built = { $built } { $pages } { $pages ->
    [one] page
   *[other] pages
} in { $ms } ms (in memory, public/ is not touched)
serve-rebuilt = rebuilt in { $ms } ms ({ $changed } files changed; { $rendered } pages rendered, { $reused } reused; { $parsed } files parsed{ $quick ->
    [yes] ; quick
   *[no] {""}
})
serve-keeps-last-good = the preview keeps showing the last good site until this is fixed
serve-watch-error = watching files: { $error }

## serve: the box shown over the page while the site does not build

overlay-heading = Build error — the last good site is shown
overlay-hint = hint:

## Choosing the language

lang-env-unknown = BANTIN_LANG={ $value } is neither `vi` nor `en`; ignored

## The command line (clap): headings, commands and flags

cli-usage = Usage:
cli-commands = Commands
cli-arguments = Arguments
cli-options = Options
cli-default = default: { $value }
cli-values = possible values: { $values }
cli-more-info = For more information, try '{ $help }'.
cli-help = Print help
cli-version = Print version
cli-help-command = Print this message or the help of the given command(s)
cli-about = Static site generator for the news page of a Vietnamese provincial Communications Office.
cli-root = The site folder (holding config.yaml and content/).
cli-quiet = Print only errors.
cli-lang = Language of the messages: vi or en (also: BANTIN_LANG; default: the site's `language`, else the system's).
cli-init = Create a new site with one example article.
cli-init-dir = Folder to create the site in (must be empty or not exist).
cli-new = Create a new article, named after its title.
cli-new-title = The title, e.g. "Hội nghị triển khai nhiệm vụ năm 2024".
cli-new-section = The section folder under content/.
cli-new-slug = File name (without .md) instead of one made from the title.
cli-build = Build the site into public/.
cli-drafts = Include articles marked `draft: true`.
cli-future = Include articles dated in the future.
cli-build-output = Output folder (default: public/ in the site).
cli-build-base-url = Use this base URL instead of config.yaml's `base_url`.
cli-build-timings = Print the time spent in each stage.
cli-build-clean = Remove files in the output that bantin did not write (they are otherwise kept and named); also replaces a folder bantin does not recognize.
cli-serve = Preview the site with live reload (built in memory, never into public/).
cli-serve-port = Port to listen on (the next free one if it is taken).
cli-serve-bind = Address to listen on; anything but loopback makes the preview reachable by others.
cli-serve-open = Open the preview in the default browser.
cli-serve-timings = Print the time spent in each stage of every rebuild (also: BANTIN_TIMINGS=1).
cli-serve-no-editor = Do not serve the editor (Soạn bài) at /__bantin/soan-bai/.
cli-check = Check the site without writing anything: links, anchors, images, attachments, front matter. Exits 1 when there are errors.
cli-check-strict = Fail on warnings too.
cli-check-format = `human` (compiler-style lines) or `json` (one JSON object per line).
cli-check-external = Also check links to other sites (over the network, cached in .bantin-cache/).
cli-check-timeout = Seconds to wait for each external link.
