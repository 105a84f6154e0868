/// Refusing pickles whose lists or dicts contain themselves.
///
/// `APPEND` and `SETITEMS` change a list or dict that already exists, and the value they add can be that same
/// container, fetched again with `DUP` or from the memo: `] 2 a` is a list inside itself. Python's unpickler
/// builds such graphs happily; its garbage collector frees them. Swift's reference counting never frees a
/// cycle, and no state dict or numpy archive has one, so the machine refuses them, and frees what it built
/// when a load fails, cycles included.
///
/// Every cycle runs through a container that was changed after it was made (a container made from values
/// already on the stack cannot hold itself), so the machine remembers those containers. At `STOP` one
/// depth-first walk from them, iterative and visiting each container once, looks for a way back to a container
/// still on the walk's path: the cost is linear in the values built. When the walk finds a cycle, or the load
/// fails for any reason, emptying the remembered containers breaks every cycle and Swift frees the rest.
extension PickleMachine {
    /// A list or dict that `APPEND` or `SETITEMS` changed after it was made.
    enum ChangedContainer {
        case list(PickleList)
        case dict(PickleDict)

        var identity: ObjectIdentifier {
            switch self {
            case .list(let list): ObjectIdentifier(list)
            case .dict(let dict): ObjectIdentifier(dict)
            }
        }

        /// Empties the container, breaking any cycle through it.
        func empty() {
            switch self {
            case .list(let list): list.removeAll()
            case .dict(let dict): dict.removeAll()
            }
        }
    }

    /// Notes that `container` was changed after it was made.
    mutating func noteChanged(_ container: ChangedContainer) {
        let identity = container.identity
        guard changedIdentities.insert(identity).inserted else { return }
        changedContainers.append(container)
    }

    /// Throws if a changed container can reach itself.
    func checkAcyclic() throws(WeightFileError) {
        var finished = Set<ObjectIdentifier>()
        var onPath = Set<ObjectIdentifier>()
        for root in changedContainers {
            let rootValue: PickleValue = switch root {
            case .list(let list): .list(list)
            case .dict(let dict): .dict(dict)
            }
            guard let rootIdentity = rootValue.containerIdentity, !finished.contains(rootIdentity) else { continue }
            // Each frame is a container on the current path and the index of its next child to visit.
            var path: [(identity: ObjectIdentifier, children: [PickleValue], next: Int)] = [(rootIdentity, rootValue.children, 0)]
            onPath.insert(rootIdentity)
            while let last = path.indices.last {
                guard path[last].next < path[last].children.count else {
                    onPath.remove(path[last].identity)
                    finished.insert(path[last].identity)
                    path.removeLast()
                    continue
                }
                let child = path[last].children[path[last].next]
                path[last].next += 1
                guard let identity = child.containerIdentity, !finished.contains(identity) else { continue }
                guard !onPath.contains(identity) else {
                    throw malformed("a list or dict that contains itself, which no weight file has")
                }
                onPath.insert(identity)
                path.append((identity, child.children, 0))
            }
        }
    }

    /// Empties every changed container, so that no cycle outlives a failed load.
    func breakCycles() {
        for container in changedContainers { container.empty() }
    }
}

extension PickleValue {
    /// The identity of a tuple, list or dict; nil for every other value.
    fileprivate var containerIdentity: ObjectIdentifier? {
        switch self {
        case .tuple(let tuple): ObjectIdentifier(tuple)
        case .list(let list): ObjectIdentifier(list)
        case .dict(let dict): ObjectIdentifier(dict)
        default: nil
        }
    }

    /// The values a container holds (a dict's keys and values); empty for every other value.
    fileprivate var children: [PickleValue] {
        switch self {
        case .tuple(let tuple): tuple.items
        case .list(let list): list.items
        case .dict(let dict): dict.entries.flatMap { [$0.key, $0.value] }
        default: []
        }
    }
}
