/// The candidate closest to `name` by optimal-string-alignment distance (Levenshtein
/// plus adjacent transpositions, so `cpu_usgae` is one edit from `cpu_usage`), when it is
/// close enough to be a plausible typo: at most a third of the name's length, and at
/// least one edit. Ties go to the candidate that sorts first.
public func nearestName(to name: String, among candidates: [String]) -> String? {
    let limit = max(1, (name.count + 2) / 3)
    var best: (name: String, distance: Int)?
    for candidate in candidates.sorted() where candidate != name {
        let distance = editDistance(Array(name), Array(candidate))
        guard distance <= limit else { continue }
        if distance < best?.distance ?? Int.max { best = (candidate, distance) }
    }
    return best?.name
}

/// The optimal string alignment distance between two character sequences.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    // Three rows of the dynamic-programming table: i-2, i-1 and i.
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], previousPrevious[j - 2] + 1)
            }
        }
        (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
}
