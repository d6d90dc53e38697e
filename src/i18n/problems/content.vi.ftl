## Problems found building the model and enriching it: articles, sections, terms, the documents registry, photos, limits (src/site, src/images).
## problem-<id> is the message, problem-<id>-hint its standing hint; see src/i18n/problem.rs.

