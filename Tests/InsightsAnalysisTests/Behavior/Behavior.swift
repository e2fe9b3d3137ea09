import Testing

/// The behavioural-analytics tests (experiments, …), grouped so that
/// `swift test --filter Behavior` selects them all.
@Suite enum Behavior {}
