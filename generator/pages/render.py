"""One Jinja2 Environment: autoescape on, StrictUndefined, templates overridable.

The built-in templates live in the project's `templates/`; a site can pass
`--templates DIR` to override any of them by file name.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from generator.content.model import SiteConfig
from generator.shared import urls
from generator.shared.options import template_dirs

from .views import FirstUse, site_copy

# Scripts only from our own files; WebAssembly for Pagefind; no inline anything.
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


class ViewEnvironment(Environment):
    """Templates read view models, which are dicts: look keys up first.

    Jinja's default `page.title` tries `getattr` and only then `page["title"]`,
    paying for an AttributeError on every lookup; this was a tenth of the
    rendering time. Names that are not keys (methods) still resolve as before.
    """

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


class Renderer:
    def __init__(self, config: SiteConfig, base_url: str, override: Path | None = None):
        self.urls = urls.Urls(base_url)
        self.settings = (config, base_url)
        """What the globals below are made from (serve keeps a Renderer while they stay)."""
        self.env = ViewEnvironment(
            loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs(override)]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        copy = site_copy(config)  # intro, footer, description
        self.env.globals.update(
            href=self.urls.href,
            absolute=lambda url: urls.absolute_url(config.url, self.urls.href(url)),
            static_url=urls.static_url,
            site={"title": config.title, "organisation": config.organisation, "contact": config.contact, **copy},
            csp=CSP,
            description="",
            print_css_url=urls.PRINT_CSS if config.url else "",
        )

    def preload(self) -> None:
        """Compile every template now (before forking workers, so each need not)."""
        for name in self.env.list_templates(filter_func=lambda n: n.endswith(".html")):
            self.env.get_template(name)

    def page(self, template: str, **context) -> bytes:
        return self.env.get_template(template).render(abbr=FirstUse(), **context).encode("utf-8")
