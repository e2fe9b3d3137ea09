/// The version reported by `insights --version`.
enum InsightsVersion {
    static let string = "0.1.0"
}
