/// The position of the key nearest to `target` among `count` keys in ascending order, ties going to the
/// earlier position; `count` must be at least 1.
///
/// Both the timestamp samplers (keys are seconds) and the streaming samplers (keys are frame indices) answer
/// "which frame is nearest?" with it. A binary search finds the first key ≥ `target`; the answer is that key
/// or its predecessor, whichever is nearer. With equal keys the first of them is returned. Cost: `O(log count)`
/// calls to `key`.
func nearestPosition<Key: Comparable & AdditiveArithmetic>(
    of target: Key, amongAscending count: Int, key: (Int) -> Key
) -> Int {
    precondition(count >= 1, "nearestPosition needs at least one key")
    var low = 0
    var high = count
    while low < high {
        let middle = (low + high) / 2
        if key(middle) < target { low = middle + 1 } else { high = middle }
    }
    if low == count { return count - 1 }
    if low == 0 { return 0 }
    return target - key(low - 1) <= key(low) - target ? low - 1 : low
}
