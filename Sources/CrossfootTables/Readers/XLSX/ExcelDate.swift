import CrossfootBase

/// Spreadsheet date serials as ISO dates.
///
/// In the 1900 system serial 1 is 1900-01-01 and serial 60 is 1900-02-29, a day that never
/// was (Lotus 1-2-3 took 1900 for a leap year and Excel kept it), so from serial 61 on the days
/// count from 1899-12-30. In the 1904 system (old Mac workbooks, `date1904`) serial 0 is
/// 1904-01-01.
enum ExcelDate {
    /// The largest serial of a valid date: 9999-12-31.
    static let maxSerial = 2_958_465

    /// The text of a date serial under a date or time format: `2024-03-31`,
    /// `2024-03-31 14:30:00`, or `14:30:00`; `nil` when it is no valid date.
    static func text(serial: Number, date1904: Bool, hasDate: Bool, hasTime: Bool) -> String? {
        let value = serial.doubleValue
        guard value >= 0, value < Double(maxSerial + 1) else { return nil }
        var days = Int(value.rounded(.down))
        var seconds = Int(((value - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let time = "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        guard hasDate else {
            // Elapsed time ([h]:mm:ss) counts whole days as hours.
            return days == 0 ? time : "\(days * 24 + seconds / 3600):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        }
        let date: String
        if !date1904, days == 60 {
            date = "1900-02-29"
        } else {
            let unixDays: Int
            if date1904 {
                unixDays = days - 24_107
            } else {
                unixDays = days < 60 ? days - 25_568 : days - 25_569
            }
            let (y, m, d) = civil(fromDays: unixDays)
            date = "\(y)-\(two(m))-\(two(d))"
        }
        return hasTime && seconds != 0 ? date + " " + time : date
    }

    /// The proleptic Gregorian date of a count of days since 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`).
    static func civil(fromDays z: Int) -> (year: Int, month: Int, day: Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
