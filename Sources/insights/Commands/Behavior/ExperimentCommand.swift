import ArgumentParser
import Foundation
import InsightsAnalysis
import InsightsNumerics
import InsightsStorage

/// `insights experiment --exposure EVENT --variant-property P --metric EVENT`: an A/B test's
/// readout from events.
struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "A/B experiment readout: conversion per variant, tests, Bayesian P(beats control), SRM, MDE, sequential p.",
        discussion: """
            Actors are assigned by the --variant-property of their --exposure events (narrowed \
            with --where KEY=VALUE, e.g. --where '$feature_flag=new-checkout-flow'); actors seen \
            in two variants are left out and counted. An actor converts when a --metric event \
            follows their first exposure (within --window when given). Per variant against \
            --control: two-proportion z-test (Holm-corrected across variants, intervals at the \
            Bonferroni level), relative lift with its interval, the Bayesian beta-binomial \
            P(variant beats control) and lift credible interval, and the mixture-SPRT always-valid \
            p-value (valid however often you look). A sample-ratio mismatch (chi-square p < 0.001 \
            against an equal split) is warned about on stderr. The minimum detectable effect is \
            for the current arm sizes at alpha 0.05, power 0.8. With --value-property, also the \
            mean of that property summed per exposed actor (Welch t-test). Methods: \
            docs/STATISTICS.md (Experiments), docs/BEHAVIOR.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The exposure event (e.g. $feature_flag_called).", valueName: "name"))
    var exposure: String

    @Option(help: ArgumentHelp("The exposure event's property naming the variant.", valueName: "key"))
    var variantProperty: String

    @Option(help: ArgumentHelp("The conversion event.", valueName: "name"))
    var metric: String

    @Option(name: .customLong("where"), help: ArgumentHelp("Only exposures with this property value (repeatable).",
                                                           valueName: "key=value"))
    var conditions: [String] = []

    @Option(help: ArgumentHelp("The control variant (default: 'control' when present, else the first by name).",
                               valueName: "variant"))
    var control: String?

    @Option(help: ArgumentHelp("A numeric property of the metric event, summed per actor (e.g. revenue).", valueName: "key"))
    var valueProperty: String?

    @Option(help: ArgumentHelp("Count the metric only within this long after the first exposure, e.g. 14d.",
                               valueName: "duration"))
    var window: String?

    @Option(help: ArgumentHelp("Confidence level in percent (family-wise across variants).", valueName: "percent"))
    var level: Double = 95

    @Option(name: .customLong("plan-lift"), help: ArgumentHelp(
        "Also the actors needed per arm to detect this relative lift of the control's rate (e.g. 0.05), alpha 0.05, power 0.8.",
        valueName: "fraction"))
    var planLift: Double?

    @OptionGroup var timeWindow: TimeWindowOptions

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    func validate() throws {
        for condition in conditions where !condition.contains("=") {
            throw ValidationError("--where '\(condition)' is not KEY=VALUE")
        }
        if let window, (DurationText.nanoseconds(window) ?? 0) <= 0 {
            throw ValidationError("--window '\(window)' is not a positive duration")
        }
        guard level > 0 && level < 100 else { throw ValidationError("--level must be between 0 and 100") }
        if let planLift, !(planLift > 0) { throw ValidationError("--plan-lift must be a positive fraction, e.g. 0.05") }
    }

    func run() throws {
        let database = try store.open(readOnly: true)
        let parsedConditions = conditions.map { text in
            let key = String(text.prefix { $0 != "=" })
            return ExperimentAssignment.Condition(key: key, value: String(text.dropFirst(key.count + 1)))
        }
        let properties = Array(Set([variantProperty] + parsedConditions.map(\.key) + (valueProperty.map { [$0] } ?? [])))
        let log = try EventReading.log(from: database, names: [exposure, metric], window: timeWindow, properties: properties)
        let assignment = ExperimentAssignment.assign(log, exposure: exposure, metric: metric, variantProperty: variantProperty,
                                                     conditions: parsedConditions, valueProperty: valueProperty,
                                                     window: window.flatMap(DurationText.nanoseconds))
        guard assignment.arms.count >= 2 else {
            throw CommandFailure.data("\(assignment.arms.count) variant\(assignment.arms.count == 1 ? "" : "s") of '\(variantProperty)' "
                                      + "on '\(exposure)' events; an experiment needs a control and a variant")
        }
        let names = assignment.arms.map(\.variant)
        let controlName = control ?? (names.contains("control") ? "control" : names[0])
        guard let controlArm = assignment.arms.first(where: { $0.variant == controlName }) else {
            let hint = nearestName(to: controlName, among: names).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandFailure.usage("no variant '\(controlName)'\(hint) (variants: \(names.joined(separator: ", ")))")
        }
        let others = assignment.arms.filter { $0.variant != controlName }
        let report: ExperimentReport
        do {
            report = try ExperimentReport(assignment: assignment, control: controlArm, variants: others, level: level / 100,
                                          valueProperty: valueProperty, planLift: planLift)
        } catch {
            throw CommandFailure.data("\(error)")
        }
        if report.conversion.sampleRatio.isMismatch {
            FileHandle.standardError.write(Data(("insights: warning: SAMPLE RATIO MISMATCH: arms of "
                + report.conversion.sampleRatio.observed.map(String.init).joined(separator: "/")
                + " against an equal split, chi-square p = \(RegressionReport.general(report.conversion.sampleRatio.pValue, digits: 3))"
                + "; assignment or logging is broken, the results below are not trustworthy\n").utf8))
        }
        switch format {
        case .table: print(report.table)
        case .json: print(report.json)
        case .csv: print(report.csv)
        }
    }
}

/// The statistics of one readout, and their rendering.
struct ExperimentReport {
    let assignment: ExperimentAssignment
    let control: ExperimentAssignment.Arm
    let variants: [ExperimentAssignment.Arm]
    let conversion: ConversionExperiment
    let means: MeanExperiment?
    let detectable: ProportionPower.MinimumDetectableEffect?
    /// With --plan-lift: the lift and the actors needed per arm to detect it.
    let plan: (lift: Double, perArm: Double)?

    init(assignment: ExperimentAssignment, control: ExperimentAssignment.Arm, variants: [ExperimentAssignment.Arm],
         level: Double, valueProperty: String?, planLift: Double?) throws {
        self.assignment = assignment
        self.control = control
        self.variants = variants
        conversion = try ConversionExperiment.analyze(
            control: try ConversionCounts(exposed: control.exposed, converted: control.converted),
            variants: try variants.map { arm throws in try ConversionCounts(exposed: arm.exposed, converted: arm.converted) },
            options: ConversionExperiment.Options(level: level))
        if valueProperty != nil {
            means = try MeanExperiment.analyze(control: try SampleSummary(control.values),
                                               variants: try variants.map { arm throws in try SampleSummary(arm.values) },
                                               options: MeanExperiment.Options(level: level))
        } else {
            means = nil
        }
        let smallest = ([control] + variants).map(\.exposed).min() ?? 0
        let rate = conversion.control.rate
        detectable = rate > 0 && rate < 1 && smallest > 0
            ? try? ProportionPower.minimumDetectableEffect(baselineRate: rate, samplesPerArm: Double(smallest)) : nil
        if let planLift {
            let size = try ProportionPower.sampleSizePerArm(baselineRate: rate, minimumDetectableEffect: rate * planLift)
            plan = (planLift, size.rounded(.up))
        } else {
            plan = nil
        }
    }

    private func g(_ value: Double, _ digits: Int = 4) -> String { RegressionReport.general(value, digits: digits) }
    private func percent(_ value: Double) -> String { String(format: "%.2f%%", 100 * value) }
    private func interval(_ ci: ConfidenceInterval, percent asPercent: Bool = true) -> String {
        asPercent ? "\(percent(ci.lower)) .. \(percent(ci.upper))" : "\(g(ci.lower)) .. \(g(ci.upper))"
    }

    var table: String {
        let levelText = g(conversion.intervalLevel * 100, 4)
        var rows = [["variant", "exposed", "converted", "rate", "\(levelText)% CI", "lift", "lift \(levelText)% CI", "p (Holm)",
                     "P(beats control)", "always-valid p"]]
        rows.append([control.variant + " (control)", String(control.exposed), String(control.converted),
                     percent(conversion.control.rate), interval(conversion.controlRateInterval), "-", "-", "-", "-", "-"])
        for (arm, result) in zip(variants, conversion.variants) {
            rows.append([arm.variant, String(arm.exposed), String(arm.converted), percent(result.counts.rate),
                         interval(result.rateInterval), (result.comparison.relativeLift >= 0 ? "+" : "") + percent(result.comparison.relativeLift),
                         interval(result.comparison.relativeLiftInterval), g(result.adjustedPValue, 3),
                         String(format: "%.3f", result.bayesian.probabilityVariantBeatsControl),
                         g(result.sequential.alwaysValidPValue, 3)])
        }
        var text = TextTable.render(rows)
        let ratio = conversion.sampleRatio
        text += "\nsample ratio: " + ratio.observed.map(String.init).joined(separator: " / ") + ", chi-square p = \(g(ratio.pValue, 3))"
            + (ratio.isMismatch ? " — MISMATCH: do not trust these results" : " (no mismatch)")
        if assignment.mixed > 0 { text += "; \(assignment.mixed) actors saw more than one variant and are left out" }
        if let detectable {
            text += "\nminimum detectable effect at these sizes (alpha 0.05, power 0.8): "
                + "\(percent(detectable.absolute)) absolute, \(percent(detectable.relative)) relative"
        }
        if let plan {
            text += "\nto detect a \(percent(plan.lift)) relative lift (alpha 0.05, power 0.8): \(Int(plan.perArm)) actors per arm"
        }
        if let means {
            var meanRows = [["variant", "mean value", "difference", "\(levelText)% CI", "lift", "p (Holm, Welch)"]]
            meanRows.append([control.variant + " (control)", g(means.control.mean), "-", "-", "-", "-"])
            for (arm, result) in zip(variants, means.variants) {
                meanRows.append([arm.variant, g(result.comparison.variant.mean), g(result.comparison.difference),
                                 interval(result.comparison.differenceInterval, percent: false),
                                 percent(result.comparison.relativeLift), g(result.adjustedPValue, 3)])
            }
            text += "\n\n" + TextTable.render(meanRows)
        }
        return text
    }

    var json: String {
        func ci(_ interval: ConfidenceInterval) -> JSONWriter.Value { .array([.number(interval.lower), .number(interval.upper)]) }
        let ratio = conversion.sampleRatio
        var members: [(String, JSONWriter.Value)] = [
            ("level", .number(conversion.options.level)), ("interval_level", .number(conversion.intervalLevel)),
            ("mixed_actors", .integer(assignment.mixed)),
            ("sample_ratio", .object([("observed", .array(ratio.observed.map { .integer($0) })),
                                      ("expected", .array(ratio.expected.map { .number($0) })),
                                      ("chi_square", .number(ratio.chiSquare)), ("p_value", .number(ratio.pValue)),
                                      ("mismatch", .bool(ratio.isMismatch))])),
            ("control", .object([("variant", .string(control.variant)), ("exposed", .integer(control.exposed)),
                                 ("converted", .integer(control.converted)), ("rate", .number(conversion.control.rate)),
                                 ("rate_ci", ci(conversion.controlRateInterval))])),
            ("variants", .array(zip(variants, conversion.variants).map { arm, result in
                .object([("variant", .string(arm.variant)), ("exposed", .integer(arm.exposed)),
                         ("converted", .integer(arm.converted)), ("rate", .number(result.counts.rate)),
                         ("rate_ci", ci(result.rateInterval)), ("difference", .number(result.comparison.difference)),
                         ("difference_ci", ci(result.comparison.differenceInterval)),
                         ("lift", .number(result.comparison.relativeLift)), ("lift_ci", ci(result.comparison.relativeLiftInterval)),
                         ("z", .number(result.comparison.z)), ("p_value", .number(result.comparison.pValue)),
                         ("adjusted_p_value", .number(result.adjustedPValue)),
                         ("probability_beats_control", .number(result.bayesian.probabilityVariantBeatsControl)),
                         ("bayesian_lift_median", .number(result.bayesian.relativeLiftMedian)),
                         ("bayesian_lift_ci", ci(result.bayesian.relativeLiftInterval)),
                         ("expected_loss", .number(result.bayesian.expectedLossChoosingVariant)),
                         ("always_valid_p_value", .number(result.sequential.alwaysValidPValue))])
            })),
        ]
        if let detectable {
            members.append(("minimum_detectable_effect", .object([("absolute", .number(detectable.absolute)),
                                                                  ("relative", .number(detectable.relative))])))
        }
        if let plan {
            members.append(("plan", .object([("relative_lift", .number(plan.lift)), ("actors_per_arm", .number(plan.perArm))])))
        }
        if let means {
            members.append(("value", .object([
                ("control_mean", .number(means.control.mean)),
                ("variants", .array(zip(variants, means.variants).map { arm, result in
                    .object([("variant", .string(arm.variant)), ("mean", .number(result.comparison.variant.mean)),
                             ("difference", .number(result.comparison.difference)),
                             ("difference_ci", ci(result.comparison.differenceInterval)),
                             ("lift", .number(result.comparison.relativeLift)), ("t", .number(result.comparison.t)),
                             ("degrees_of_freedom", .number(result.comparison.degreesOfFreedom)),
                             ("p_value", .number(result.comparison.pValue)), ("adjusted_p_value", .number(result.adjustedPValue)),
                             ("always_valid_p_value", .number(result.sequential.alwaysValidPValue))])
                })),
            ])))
        }
        return JSONWriter.render(.object(members))
    }

    var csv: String {
        var lines = ["variant,exposed,converted,rate,rate_low,rate_high,lift,lift_low,lift_high,p_value,adjusted_p_value,"
            + "probability_beats_control,always_valid_p_value"]
        lines.append([Export.csvField(control.variant), String(control.exposed), String(control.converted),
                      JSONText.number(conversion.control.rate), JSONText.number(conversion.controlRateInterval.lower),
                      JSONText.number(conversion.controlRateInterval.upper), "", "", "", "", "", "", ""].joined(separator: ","))
        for (arm, result) in zip(variants, conversion.variants) {
            lines.append([Export.csvField(arm.variant), String(arm.exposed), String(arm.converted), JSONText.number(result.counts.rate),
                          JSONText.number(result.rateInterval.lower), JSONText.number(result.rateInterval.upper),
                          JSONText.number(result.comparison.relativeLift), JSONText.number(result.comparison.relativeLiftInterval.lower),
                          JSONText.number(result.comparison.relativeLiftInterval.upper), JSONText.number(result.comparison.pValue),
                          JSONText.number(result.adjustedPValue), JSONText.number(result.bayesian.probabilityVariantBeatsControl),
                          JSONText.number(result.sequential.alwaysValidPValue)].joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }
}
