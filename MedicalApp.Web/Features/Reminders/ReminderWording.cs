using System.Globalization;
using System.Text;
using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Reminders;

/// <summary>The languages reminders are written in. A patient without a preference gets the practice's default.</summary>
public static class ReminderLanguages
{
    public const string English = "en";
    public const string Tamil = "ta";

    public static IReadOnlyList<string> All { get; } = [English, Tamil];

    public static bool IsKnown(string? code) => code is English or Tamil;

    public static string Name(string? code) => code == Tamil ? "Tamil (தமிழ்)" : "English";
}

/// <summary>One message's wording: the subject (email only) and the body, with placeholders.</summary>
public sealed record ReminderWording(string? Subject, string Body);

/// <summary>What a message is about, filled into a template's placeholders.</summary>
public sealed record ReminderFacts(
    string Patient, string Doctor, DateTime LocalStart, string Location, string Number, string Practice, string Phone);

/// <summary>
/// The standard wording in English and Tamil (used while a practice has not edited a message), the placeholders, and
/// how they are filled: dates and times are written the way each language reads them ("Wed 11 Mar 2026, 10:00 AM";
/// "11 மார்ச் 2026, காலை 10:00").
/// </summary>
public static class ReminderTexts
{
    public static IReadOnlyList<string> Placeholders { get; } =
        ["{patient}", "{doctor}", "{date}", "{time}", "{location}", "{number}", "{practice}", "{phone}"];

    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 2000;

    private static readonly string[] TamilMonths =
        ["ஜனவரி", "பிப்ரவரி", "மார்ச்", "ஏப்ரல்", "மே", "ஜூன்", "ஜூலை", "ஆகஸ்ட்", "செப்டம்பர்", "அக்டோபர்", "நவம்பர்", "டிசம்பர்"];

    private const string EnglishDetails = "Doctor: {doctor}\nDate: {date}\nTime: {time}\nLocation: {location}\nAppointment number: {number}";
    private const string TamilDetails = "மருத்துவர்: {doctor}\nதேதி: {date}\nநேரம்: {time}\nஇடம்: {location}\nசந்திப்பு எண்: {number}";

    private static readonly Dictionary<(ReminderKind, ReminderChannel, string), ReminderWording> Standard = new()
    {
        [(ReminderKind.Confirmation, ReminderChannel.Email, ReminderLanguages.English)] = new(
            "Your appointment at {practice} on {date}",
            "Dear {patient},\n\nYour appointment is booked.\n\n" + EnglishDetails +
            "\n\nIf you need to change or cancel it, please call us on {phone}.\n\n{practice}"),
        [(ReminderKind.DayBefore, ReminderChannel.Email, ReminderLanguages.English)] = new(
            "Reminder: your appointment tomorrow at {time}",
            "Dear {patient},\n\nThis is a reminder of your appointment tomorrow.\n\n" + EnglishDetails +
            "\n\nPlease arrive 10 minutes early. If you cannot come, please call us on {phone} so that someone else can have the time.\n\n{practice}"),
        [(ReminderKind.HoursBefore, ReminderChannel.Email, ReminderLanguages.English)] = new(
            "Your appointment at {time} on {date}",
            "Dear {patient},\n\nWe look forward to seeing you at {time} on {date}.\n\n" + EnglishDetails +
            "\n\nIf you cannot come, please call us on {phone}.\n\n{practice}"),
        [(ReminderKind.Confirmation, ReminderChannel.Sms, ReminderLanguages.English)] = new(null,
            "{practice}: your appointment with {doctor} is booked for {date} at {time}, {location}. Ref {number}. To change it, call {phone}."),
        [(ReminderKind.DayBefore, ReminderChannel.Sms, ReminderLanguages.English)] = new(null,
            "{practice}: reminder of your appointment with {doctor} tomorrow, {date} at {time}, {location}. To change it, call {phone}."),
        [(ReminderKind.HoursBefore, ReminderChannel.Sms, ReminderLanguages.English)] = new(null,
            "{practice}: see you at {time} on {date} with {doctor}, {location}. Please come 10 minutes early. Can't come? Call {phone}."),
        [(ReminderKind.Cancellation, ReminderChannel.Sms, ReminderLanguages.English)] = new(null,
            "{practice}: sorry, your appointment {number} with {doctor} on {date} at {time}, {location} is cancelled. Please call {phone} to book another time."),

        [(ReminderKind.Confirmation, ReminderChannel.Email, ReminderLanguages.Tamil)] = new(
            "{practice} — {date} அன்று உங்கள் சந்திப்பு",
            "அன்புள்ள {patient},\n\nஉங்கள் சந்திப்பு பதிவு செய்யப்பட்டுள்ளது.\n\n" + TamilDetails +
            "\n\nமாற்றவோ ரத்து செய்யவோ {phone} என்ற எண்ணில் எங்களை அழைக்கவும்.\n\n{practice}"),
        [(ReminderKind.DayBefore, ReminderChannel.Email, ReminderLanguages.Tamil)] = new(
            "நினைவூட்டல்: நாளை {time} மணிக்கு உங்கள் சந்திப்பு",
            "அன்புள்ள {patient},\n\nநாளை உங்களுக்குச் சந்திப்பு உள்ளது என்பதை நினைவூட்டுகிறோம்.\n\n" + TamilDetails +
            "\n\n10 நிமிடங்கள் முன்னதாக வரவும். வர இயலாவிட்டால், அந்த நேரத்தை வேறொருவருக்கு வழங்க {phone} என்ற எண்ணில் எங்களை அழைக்கவும்.\n\n{practice}"),
        [(ReminderKind.HoursBefore, ReminderChannel.Email, ReminderLanguages.Tamil)] = new(
            "{date} அன்று {time} மணிக்கு உங்கள் சந்திப்பு",
            "அன்புள்ள {patient},\n\n{date} அன்று {time} மணிக்கு உங்களைச் சந்திக்கக் காத்திருக்கிறோம்.\n\n" + TamilDetails +
            "\n\nவர இயலாவிட்டால் {phone} என்ற எண்ணில் எங்களை அழைக்கவும்.\n\n{practice}"),
        [(ReminderKind.Confirmation, ReminderChannel.Sms, ReminderLanguages.Tamil)] = new(null,
            "{practice}: {doctor} அவர்களுடன் உங்கள் சந்திப்பு {date} அன்று {time} மணிக்கு {location} கிளையில் பதிவு செய்யப்பட்டது. எண் {number}. மாற்ற {phone} ஐ அழைக்கவும்."),
        [(ReminderKind.DayBefore, ReminderChannel.Sms, ReminderLanguages.Tamil)] = new(null,
            "{practice}: நினைவூட்டல் — நாளை {date} அன்று {time} மணிக்கு {location} கிளையில் {doctor} அவர்களுடன் உங்கள் சந்திப்பு உள்ளது. மாற்ற {phone} ஐ அழைக்கவும்."),
        [(ReminderKind.HoursBefore, ReminderChannel.Sms, ReminderLanguages.Tamil)] = new(null,
            "{practice}: {date} அன்று {time} மணிக்கு {location} கிளையில் {doctor} அவர்களுடன் உங்கள் சந்திப்பு. 10 நிமிடம் முன்னதாக வரவும். வர இயலாவிட்டால் {phone} ஐ அழைக்கவும்."),
        [(ReminderKind.Cancellation, ReminderChannel.Sms, ReminderLanguages.Tamil)] = new(null,
            "{practice}: மன்னிக்கவும், {date} அன்று {time} மணிக்கு {location} கிளையில் {doctor} அவர்களுடன் உங்கள் சந்திப்பு ({number}) ரத்து செய்யப்பட்டது. வேறு நேரம் பதிவு செய்ய {phone} ஐ அழைக்கவும்."),
    };

    /// <summary>The standard wording of one message (every kind a channel sends has one in each known language).</summary>
    public static ReminderWording StandardWording(ReminderKind kind, ReminderChannel channel, string language) =>
        Standard[(kind, channel, ReminderLanguages.IsKnown(language) ? language : ReminderLanguages.English)];

    /// <summary>
    /// The messages a channel sends, for the wording editor. A cancellation by the practice is emailed in the practice's
    /// own letter, which says why (see <see cref="AppointmentNotices"/>), so it has SMS wording only.
    /// </summary>
    public static IReadOnlyList<ReminderKind> KindsOf(ReminderChannel channel) =>
        Enum.GetValues<ReminderKind>().Where(k => Standard.ContainsKey((k, channel, ReminderLanguages.English))).ToList();

    /// <summary>The sample the settings page previews with.</summary>
    public static ReminderFacts Sample(string practice, string? phone) =>
        new("Ravi Kumar", "Dr Vikram Iyer", new DateTime(2026, 3, 11, 10, 30, 0), "Anna Nagar", "APT-20260311-0004", practice,
            string.IsNullOrWhiteSpace(phone) ? "044 2345 6789" : phone);

    /// <summary>Fills the placeholders; unknown braces are left as written.</summary>
    public static string Render(string template, ReminderFacts facts, string language)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(facts);
        return new StringBuilder(template)
            .Replace("{patient}", facts.Patient)
            .Replace("{doctor}", facts.Doctor)
            .Replace("{date}", FormatDate(facts.LocalStart, language))
            .Replace("{time}", FormatTime(facts.LocalStart, language))
            .Replace("{location}", facts.Location)
            .Replace("{number}", facts.Number)
            .Replace("{practice}", facts.Practice)
            .Replace("{phone}", facts.Phone)
            .ToString();
    }

    public static string FormatDate(DateTime local, string language) => language == ReminderLanguages.Tamil
        ? $"{local.Day} {TamilMonths[local.Month - 1]} {local.Year}"
        : local.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>English "10:30 AM"; Tamil says the part of the day first, "காலை 10:30" (morning), as people say it.</summary>
    public static string FormatTime(DateTime local, string language)
    {
        if (language != ReminderLanguages.Tamil)
        {
            return local.ToString("h:mm tt", CultureInfo.InvariantCulture);
        }

        var part = local.Hour switch
        {
            < 12 => "காலை",
            < 16 => "மதியம்",
            < 19 => "மாலை",
            _ => "இரவு",
        };
        return $"{part} {local.ToString("h:mm", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The placeholders in <paramref name="text"/> that are not ours ({name} instead of {patient}), for the editor's error.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var unknown = new List<string>();
        for (var open = text.IndexOf('{', StringComparison.Ordinal); open >= 0; open = text.IndexOf('{', open + 1))
        {
            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                break;
            }

            var token = text[open..(close + 1)];
            if (token.Length <= 20 && !token.Contains(' ', StringComparison.Ordinal) && !Placeholders.Contains(token) && !unknown.Contains(token))
            {
                unknown.Add(token);
            }
        }

        return unknown;
    }
}

/// <summary>How an SMS text is counted: GSM 7-bit (160 characters, 153 per part when split) or Unicode (70, 67 per part; Tamil).</summary>
public sealed record SmsLength(bool IsUnicode, int Characters, int Parts)
{
    private const string GsmBasic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string GsmExtended = "^{}\\[~]|€\f";

    public int SinglePartLimit => IsUnicode ? 70 : 160;

    public bool FitsOnePart => Parts <= 1;

    public static SmsLength Measure(string? text)
    {
        text ??= "";
        var unicode = text.Any(c => !GsmBasic.Contains(c, StringComparison.Ordinal) && !GsmExtended.Contains(c, StringComparison.Ordinal));
        // Unicode counts UTF-16 units (Tamil letters are one each); GSM counts an extended character as two.
        var characters = unicode ? text.Length : text.Sum(c => GsmExtended.Contains(c, StringComparison.Ordinal) ? 2 : 1);
        var (single, multi) = unicode ? (70, 67) : (160, 153);
        var parts = characters == 0 ? 0 : characters <= single ? 1 : (characters + multi - 1) / multi;
        return new SmsLength(unicode, characters, parts);
    }

    /// <summary>"134 of 160 characters (one SMS)" or "212 Unicode characters: 4 SMS parts".</summary>
    public string Describe() => FitsOnePart
        ? $"{Characters} of {SinglePartLimit} {(IsUnicode ? "Unicode " : "")}characters (one SMS)"
        : $"{Characters} {(IsUnicode ? "Unicode " : "")}characters: {Parts} SMS parts, each charged";
}
