using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>
/// A small patient finder for the appointment pages until the Patients feature's picker takes its place: active
/// patients of this practice whose name contains the typed letters or whose mobile contains the typed digits.
/// </summary>
public sealed class AppointmentPatientLookupService(IDbContextFactory<MedicalDbContext> contextFactory, TimeProvider clock)
{
    public const int MaxResults = 20;
    public const int MinLetters = 2;
    public const int MinDigits = 3;

    /// <summary>Up to <see cref="MaxResults"/> matches; nothing until the term has 2 letters or 3 digits.</summary>
    public async Task<IReadOnlyList<PatientChoice>> SearchAsync(string? term, CancellationToken cancellationToken = default)
    {
        var text = (term ?? "").Trim();
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var isMobile = digits.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-');
        if (isMobile && digits.StartsWith("91", StringComparison.Ordinal) && digits.Length > 10)
        {
            digits = digits[2..];
        }

        if (isMobile ? digits.Length < MinDigits : text.Length < MinLetters)
        {
            return [];
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var patients = db.Patients.AsNoTracking().Where(p => p.IsActive);
        if (isMobile)
        {
            patients = patients.Where(p => p.Mobile.Contains(digits));
        }
        else
        {
            // SearchName is stored lower-cased "first last", so a plain (index-friendly) contains is case-insensitive.
            var name = string.Join(' ', text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            patients = patients.Where(p => p.SearchName.Contains(name));
        }

        var found = await patients.OrderBy(p => p.SearchName).ThenBy(p => p.Mobile).Take(MaxResults).ToListAsync(cancellationToken);
        return found.Select(ToChoice).ToList();
    }

    /// <summary>The patient for an id (a page opened with ?patientId=), or null when not an active patient here.</summary>
    public async Task<PatientChoice?> GetAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId && p.IsActive, cancellationToken);
        return patient is null ? null : ToChoice(patient);
    }

    private PatientChoice ToChoice(Patient patient)
    {
        var today = DateOnly.FromDateTime(PracticeTime.ToLocal(clock.GetUtcNow().UtcDateTime, null));
        return new PatientChoice(patient.Id, $"{patient.FirstName} {patient.LastName}".Trim(), patient.Mobile, patient.AgeOn(today), patient.Gender);
    }
}
