/// The pickle opcodes the restricted reader understands (protocols 0–5, the subset state dicts use).
///
/// Each raw value is the opcode byte as Python's `pickletools` documents it.
enum PickleOpcode: UInt8 {
    case proto = 0x80, frame = 0x95, stop = 0x2E
    case mark = 0x28, popMark = 0x31, pop = 0x30, dup = 0x32
    case none = 0x4E, newTrue = 0x88, newFalse = 0x89
    case binInt = 0x4A, binInt1 = 0x4B, binInt2 = 0x4D, long1 = 0x8A, long4 = 0x8B, binFloat = 0x47
    case binUnicode = 0x58, shortBinUnicode = 0x8C, binUnicode8 = 0x8D
    case binString = 0x54, shortBinString = 0x55
    case binBytes = 0x42, shortBinBytes = 0x43, binBytes8 = 0x8E
    case emptyTuple = 0x29, tuple = 0x74, tuple1 = 0x85, tuple2 = 0x86, tuple3 = 0x87
    case emptyList = 0x5D, list = 0x6C, append = 0x61, appends = 0x65
    case emptyDict = 0x7D, dict = 0x64, setItem = 0x73, setItems = 0x75
    case binPut = 0x71, longBinPut = 0x72, memoize = 0x94, binGet = 0x68, longBinGet = 0x6A
    case global = 0x63, stackGlobal = 0x93, reduce = 0x52, build = 0x62, newObj = 0x81
    case binPersId = 0x51
}
