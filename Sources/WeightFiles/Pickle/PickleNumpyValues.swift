/// A `numpy.dtype` being unpickled.
///
/// NumPy pickles a dtype as the call `numpy.dtype('f4', False, True)` followed by `BUILD` with the state
/// `(3, '<', None, None, None, -1, -1, 0)`, whose second field is the byte order. A pickle memoises each dtype
/// once and fetches it again for every array of that type, so the dtype is a class: the byte order `BUILD`
/// sets is what every later reference sees.
final class PickleNumpyDType {
    /// NumPy's type code without byte order, such as `f4`.
    let typeCode: String
    let elementType: ElementType
    /// `<` little-endian, `>` big-endian, `|` not applicable (one-byte types), `=` native; `=` until `BUILD`.
    var byteOrder: Character = "="

    init(typeCode: String, elementType: ElementType) {
        self.typeCode = typeCode
        self.elementType = elementType
    }
}

/// A `numpy.ndarray` being unpickled.
///
/// NumPy pickles an array as `_reconstruct(numpy.ndarray, (0,), b'b')`, which makes an empty array, followed by
/// `BUILD` with the state `(1, shape, dtype, is_fortran, raw_bytes)`, which fills it in. The array is a class
/// because a memoised reference taken between the two must see the filled-in array.
final class PickleNumpyArray {
    /// What `BUILD` set; nil while the array is still the empty one `_reconstruct` made.
    var contents: Contents?

    /// An array's state: its shape, element type, memory order and where its raw bytes lie.
    struct Contents {
        var shape: [Int]
        var dtype: PickleNumpyDType
        /// Whether the elements are stored column-major (the first index varies fastest).
        var isFortranOrder: Bool
        /// The raw elements' range in the storage being unpickled.
        var data: Range<Int>
    }
}
