"""The demo's data: a made-up vendor (name, phone, logo) for `valuezone demo` and the screenshots."""
