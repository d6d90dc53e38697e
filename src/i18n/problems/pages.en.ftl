## Problems found rendering and verifying the pages: Markdown, templates, links, anchors, alt text, raw HTML (src/render, src/verify, src/check).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.

problem-missing-summary = the article has no `summary:` (this site requires one)
problem-missing-summary-hint = add a line `summary: "…"` with one or two sentences for the listing pages
problem-missing-category = the article has no `category:` (this site requires one)
problem-missing-category-hint = add a line `category: "…"`, e.g. one the other articles use
problem-lead-image-no-alt = the lead image has no alt text
problem-lead-image-no-alt-hint = add `image_alt: "…"` describing the picture for readers who cannot see it
problem-duplicate-title = another article of the same day has the same title: { $first }
problem-duplicate-title-hint = give the articles different titles, or remove the copy

## Links, images and anchors of the rendered pages (verify). A problem the
## theme's templates make is told once, with on how many pages (-by-theme).

problem-image-no-alt = image `{ $url }` has no alt text
problem-image-no-alt-by-theme = image `{ $url }` has no alt text (made by the theme's templates, on { $count } { $count ->
    [one] page
   *[other] pages
})
problem-hint-describe-image = describe the picture in the brackets: ![Lãnh đạo phát biểu tại hội nghị](anh.jpg)
problem-unsafe-scheme = `{ $scheme }:` { $kind ->
    [image] images
   *[other] links
} are not allowed: `{ $url }`
problem-unsafe-scheme-by-theme = `{ $scheme }:` { $kind ->
    [image] images
   *[other] links
} are not allowed: `{ $url }` (made by the theme's templates, on { $count } { $count ->
    [one] page
   *[other] pages
})
problem-hint-link-to-site = link to a page or a file of the site, or to an https:// address
problem-leads-nowhere = { $kind ->
    [image] image
   *[other] link
} leads nowhere: `{ $url }` (no page or file /{ $target })
problem-leads-nowhere-by-theme = { $kind ->
    [image] image
   *[other] link
} leads nowhere: `{ $url }` (no page or file /{ $target }) (made by the theme's templates, on { $count } { $count ->
    [one] page
   *[other] pages
})
problem-hint-link-to-md-file = link to the .md file relative to this one (e.g. `../thong-bao/lich.md`) or to an existing page
problem-anchor-not-found = anchor `#{ $anchor }` not found on { $on ->
    [here] this page
   *[other] { $page }
}
problem-anchor-not-found-by-theme = anchor `#{ $anchor }` not found on { $on ->
    [here] this page
   *[other] { $page }
} (made by the theme's templates, on { $count } { $count ->
    [one] page
   *[other] pages
})
problem-anchor-not-found-did-you-mean = anchor `#{ $anchor }` not found on { $on ->
    [here] this page
   *[other] { $page }
}; did you mean `#{ $closest }`?
problem-anchor-not-found-did-you-mean-by-theme = anchor `#{ $anchor }` not found on { $on ->
    [here] this page
   *[other] { $page }
}; did you mean `#{ $closest }`? (made by the theme's templates, on { $count } { $count ->
    [one] page
   *[other] pages
})
problem-hint-anchor-is-heading-id = an anchor is the id of a heading: `## Thời gian` has the id `thoi-gian`
problem-link-cache-not-saved = cannot save the link cache: { $detail }
problem-external-link-status = external link answers { $status }: { $url }
problem-external-link-timeout = external link failed (no answer within the timeout): { $url }
problem-external-link-failed = external link failed ({ $detail }): { $url }
problem-hint-open-in-browser = open the address in a browser; update or remove the link if the page is gone

## Rendering: Markdown links and raw HTML, templates, output paths (render).

problem-link-target-not-found = { $kind ->
    [image] image
   *[other] link
} target not found: `{ $url }` (looked for content/{ $path })
problem-link-target-not-found-hint = write the path relative to this .md file, e.g. `cv-1141.pdf` or `../tin-tuc/bai-viet.md`
problem-link-to-unpublished = { $kind ->
    [image] image
   *[other] link
} to an article this build does not publish: `{ $url }` (content/{ $path } is { $why ->
    [draft] a draft (`draft: true`)
    [future] dated in the future ({ $date })
   *[other] left out
})
problem-link-to-unpublished-hint = publish that article first (or link to it once it is out); `bantin build --drafts --future` includes it
problem-unsafe-url = unsafe link: `{ $scheme }:` URLs are not allowed in a link or image: `{ $url }`
problem-unsafe-url-hint = link to a page or a file of the site, or to an https:// address (images may be data:image/png, jpeg, gif or webp)
problem-unsafe-html-element = unsafe HTML removed: `<{ $element }>` { $how ->
    [with-content] with its content
    [no-src] without a src
    [host] from `{ $host }`, which `embed_hosts:` in config.yaml does not list (only https:// embeds of listed hosts are kept)
   *[text-kept] (its text is kept)
}
problem-unsafe-html-attribute = unsafe HTML removed: attribute `{ $attribute }` of `<{ $element }>` (it can run script or restyle the page)
problem-unsafe-html-attributes-dropped = unsafe HTML removed: { $n } { $n ->
    [one] attribute
   *[other] attributes
} not on the allow-list ({ $names }; the first: `{ $attribute }` of `<{ $element }>`)
problem-hint-raw-html-sanitized = raw HTML is sanitized (docs/check.md lists what is kept); write it in Markdown, or set `unsafe_html: true` in config.yaml for a site whose writers are all trusted
problem-template-not-found = template `{ $template }` not found in the theme
problem-template-error = template error: { $detail }
problem-template-error-rendering = template error: { $detail } (rendering { $page })
problem-hint-template-cycle = a template cannot include or extend itself, directly or through others
problem-hint-component-calls-itself = component `{ $component }` calls itself: make sure the recursion stops
problem-file-would-replace-page = this file would replace the page of { $article } (/{ $output })
problem-file-would-replace-page-hint = rename the file or move it to another folder
problem-file-would-replace-generated = this file would replace a file the build generates (/{ $output })
problem-file-would-replace-generated-hint = rename the file or move it to another folder
