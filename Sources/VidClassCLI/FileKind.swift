import Foundation

/// What a path names, in words for error messages: vidclass writes output only to regular files and says what
/// it found instead.
///
/// ```swift
/// FileKind(path: "/dev/null")      // .other("a character device")
/// FileKind(path: "missing.jsonl")  // .missing
/// ```
enum FileKind: Equatable {
    case missing
    case regular
    case symbolicLink
    /// A directory, device, FIFO or socket, named in words.
    case other(String)

    /// The kind of `path` itself (a symbolic link is `.symbolicLink`), or with `followingLinks` of what it
    /// finally points to.
    init(path: String, followingLinks: Bool = false) {
        var status = stat()
        guard (followingLinks ? stat(path, &status) : lstat(path, &status)) == 0 else {
            self = .missing
            return
        }
        self.init(mode: status.st_mode)
    }

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFLNK: self = .symbolicLink
        case S_IFDIR: self = .other("a directory")
        case S_IFCHR: self = .other("a character device")
        case S_IFBLK: self = .other("a block device")
        case S_IFIFO: self = .other("a FIFO (named pipe)")
        case S_IFSOCK: self = .other("a socket")
        default: self = .other("not a regular file")
        }
    }

    var words: String {
        switch self {
        case .missing: "missing"
        case .regular: "a regular file"
        case .symbolicLink: "a symbolic link"
        case .other(let words): words
        }
    }
}
