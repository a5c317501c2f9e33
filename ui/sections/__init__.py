"""Parts of pages that render one section each: they read widgets, call services and render, like the pages."""
