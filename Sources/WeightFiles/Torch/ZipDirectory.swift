/// A minimal reader of a zip archive's central directory, enough for PyTorch checkpoints (stored entries).
///
/// It finds the end-of-central-directory record (searching back over a trailing comment), follows the zip64
/// locator when the 32-bit fields are saturated, and lists each entry's name, method and data range. The data
/// offset comes from the *local* header (whose extra field — PyTorch pads it to align data to 64 bytes — may
/// differ from the central one), located through the central directory's offset.
/// Cost: proportional to the central directory; entry data is never read.
struct ZipDirectory {
    /// One file in the archive.
    struct Entry {
        var name: String
        /// 0 = stored; anything else is compressed and cannot be memory-mapped.
        var method: UInt16
        /// The entry's bytes in the archive (for stored entries, the file's contents).
        var dataRange: Range<Int>
    }

    /// The entries by name.
    private(set) var entries: [String: Entry] = [:]

    private enum Signature {
        static let endOfDirectory: UInt32 = 0x0605_4B50
        static let zip64EndOfDirectory: UInt32 = 0x0606_4B50
        static let zip64Locator: UInt32 = 0x0706_4B50
        static let directoryEntry: UInt32 = 0x0201_4B50
        static let localHeader: UInt32 = 0x0403_4B50
    }

    /// Reads the central directory of the zip archive in `storage`.
    init(_ storage: ByteStorage, path: String) throws(WeightFileError) {
        let end = try Self.findEndRecord(storage, path: path)
        var record = ByteReader(storage, path: path, range: end..<storage.count)
        _ = try record.take(10, "the zip end record")
        var entryCount = Int(try record.read(UInt16.self, "the zip entry count"))
        var directorySize = Int(try record.read(UInt32.self, "the zip directory size"))
        var directoryOffset = Int(try record.read(UInt32.self, "the zip directory offset"))
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            (entryCount, directorySize, directoryOffset) = try Self.readZip64End(storage, path: path, endRecord: end)
        }
        guard directoryOffset <= storage.count, directorySize <= storage.count - directoryOffset else {
            throw .truncated(path, reading: "the zip central directory")
        }
        var directory = ByteReader(storage, path: path, range: directoryOffset..<(directoryOffset + directorySize))
        for _ in 0..<entryCount {
            let entry = try Self.readEntry(&directory, storage: storage)
            entries[entry.name] = entry
        }
    }

    /// The offset of the end-of-central-directory record: the last signature within the final 64 KiB + 22 bytes.
    private static func findEndRecord(_ storage: ByteStorage, path: String) throws(WeightFileError) -> Int {
        let minimumLength = 22
        guard storage.count >= minimumLength else { throw .truncated(path, reading: "the zip end record") }
        let earliest = max(0, storage.count - minimumLength - 0xFFFF)
        for offset in stride(from: storage.count - minimumLength, through: earliest, by: -1)
        where storage.littleEndian(UInt32.self, at: offset) == Signature.endOfDirectory {
            return offset
        }
        throw .truncated(path, reading: "the zip end record (it is missing)")
    }

    /// The entry count, directory size and offset from the zip64 end record that the locator before `endRecord` names.
    private static func readZip64End(_ storage: ByteStorage, path: String, endRecord: Int) throws(WeightFileError) -> (Int, Int, Int) {
        guard endRecord >= 20 else { throw .malformed(path, "a zip64 archive lacks its zip64 locator") }
        var locator = ByteReader(storage, path: path, range: (endRecord - 20)..<endRecord)
        guard try locator.read(UInt32.self, "the zip64 locator") == Signature.zip64Locator else {
            throw .malformed(path, "a zip64 archive lacks its zip64 locator")
        }
        _ = try locator.take(4, "the zip64 locator")
        let recordOffset = Int(clamping: try locator.read(UInt64.self, "the zip64 end record offset"))
        guard recordOffset < storage.count else { throw .truncated(path, reading: "the zip64 end record") }
        var record = ByteReader(storage, path: path, range: recordOffset..<storage.count)
        guard try record.read(UInt32.self, "the zip64 end record") == Signature.zip64EndOfDirectory else {
            throw .malformed(path, "the zip64 end record is missing where its locator points")
        }
        _ = try record.take(28, "the zip64 end record")
        let count = Int(clamping: try record.read(UInt64.self, "the zip64 entry count"))
        let size = Int(clamping: try record.read(UInt64.self, "the zip64 directory size"))
        let offset = Int(clamping: try record.read(UInt64.self, "the zip64 directory offset"))
        return (count, size, offset)
    }

    /// Reads one central-directory entry and resolves its data range through its local header.
    private static func readEntry(_ directory: inout ByteReader, storage: ByteStorage) throws(WeightFileError) -> Entry {
        let path = directory.path
        guard try directory.read(UInt32.self, "a zip directory entry") == Signature.directoryEntry else {
            throw .malformed(path, "a zip central directory entry has a bad signature")
        }
        _ = try directory.take(6, "a zip directory entry")
        let method = try directory.read(UInt16.self, "a zip directory entry")
        _ = try directory.take(8, "a zip directory entry")
        var compressedSize = UInt64(try directory.read(UInt32.self, "a zip directory entry"))
        var uncompressedSize = UInt64(try directory.read(UInt32.self, "a zip directory entry"))
        let nameLength = Int(try directory.read(UInt16.self, "a zip directory entry"))
        let extraLength = Int(try directory.read(UInt16.self, "a zip directory entry"))
        let commentLength = Int(try directory.read(UInt16.self, "a zip directory entry"))
        _ = try directory.take(8, "a zip directory entry")
        var localOffset = UInt64(try directory.read(UInt32.self, "a zip directory entry"))
        let name = try directory.readUTF8(nameLength, "a zip entry name")
        var extra = ByteReader(storage, path: path, range: try directory.take(extraLength, "a zip extra field"))
        _ = try directory.take(commentLength, "a zip entry comment")

        // The zip64 extra field (id 1) holds, in order, only the 64-bit values whose 32-bit fields are saturated.
        while extra.remaining >= 4 {
            let id = try extra.read(UInt16.self, "a zip extra field")
            let size = Int(try extra.read(UInt16.self, "a zip extra field"))
            var field = ByteReader(storage, path: path, range: try extra.take(size, "a zip extra field"))
            guard id == 1 else { continue }
            if uncompressedSize == 0xFFFF_FFFF { uncompressedSize = try field.read(UInt64.self, "a zip64 size") }
            if compressedSize == 0xFFFF_FFFF { compressedSize = try field.read(UInt64.self, "a zip64 size") }
            if localOffset == 0xFFFF_FFFF { localOffset = try field.read(UInt64.self, "a zip64 offset") }
        }
        let start = try dataStart(storage, localHeader: Int(clamping: localOffset), entry: name, path: path)
        let length = Int(clamping: compressedSize)
        guard length <= storage.count - start else { throw .truncated(path, reading: "zip entry '\(name)'") }
        return Entry(name: name, method: method, dataRange: start..<(start + length))
    }

    /// The offset of an entry's data: after its local header's fixed 30 bytes, name and (local) extra field.
    private static func dataStart(_ storage: ByteStorage, localHeader: Int, entry: String, path: String) throws(WeightFileError) -> Int {
        guard localHeader < storage.count else { throw .truncated(path, reading: "the local header of zip entry '\(entry)'") }
        var local = ByteReader(storage, path: path, range: localHeader..<storage.count)
        guard try local.read(UInt32.self, "a zip local header") == Signature.localHeader else {
            throw .malformed(path, "zip entry '\(entry)' has no local header where the directory says")
        }
        _ = try local.take(22, "the local header of zip entry '\(entry)'")
        let nameLength = Int(try local.read(UInt16.self, "a zip local header"))
        let extraLength = Int(try local.read(UInt16.self, "a zip local header"))
        return try local.take(nameLength + extraLength, "the local header of zip entry '\(entry)'").upperBound
    }
}
