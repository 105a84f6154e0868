/// The page at `GET /`, compiled into the binary (no files beside it, no external scripts, fonts or CDNs).
enum Page {
    static let html = #"""
<!doctype html><title>vidclass</title><p>vidclass</p>
"""#
}
