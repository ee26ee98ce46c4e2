"""The JSON API: one NinjaAPI instance, session authentication, one error shape, OpenAPI schema."""
