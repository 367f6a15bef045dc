using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Audit;

/// <summary>
/// Puts names to the ids an audit page recorded, one query per kind of record for the whole page: members by their
/// name, records by what people call them ("Patient · Ravi Kumar", "Appointment · A-0012"). Every lookup goes through
/// the practice's own tables (tenant filter, row-level security), so an account that is not a member here keeps the
/// address the entry recorded, and a record that is gone keeps its kind.
/// </summary>
public static class AuditNames
{
    public static async Task<IReadOnlyList<AuditLogRow>> InPeoplesWordsAsync(MedicalDbContext db, IReadOnlyList<AuditLogRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var members = await MemberNamesAsync(db, rows.Select(r => r.UserId), cancellationToken);
        var records = await RecordNamesAsync(db, rows, cancellationToken);
        return [.. rows.Select(r => r with
        {
            UserName = r.UserId is { } user ? members.GetValueOrDefault(user) : null,
            RecordName = r.EntityType is null ? null
                : ParseGuid(r.EntityId) is { } id && records.TryGetValue((r.EntityType, id), out var name) ? $"{KindOf(r.EntityType)} · {name}"
                : KindOf(r.EntityType),
        })];
    }

    /// <summary>The names of those of <paramref name="userIds"/> who are (or were) members of this practice.</summary>
    public static async Task<Dictionary<Guid, string>> MemberNamesAsync(MedicalDbContext db, IEnumerable<Guid?> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = userIds.OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var names = await db.PracticeMemberships.AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Select(m => new { m.UserId, m.User!.FullName }).ToListAsync(cancellationToken);
        return names.Where(n => !string.IsNullOrWhiteSpace(n.FullName)).DistinctBy(n => n.UserId).ToDictionary(n => n.UserId, n => n.FullName);
    }

    private static async Task<Dictionary<(string Type, Guid Id), string>> RecordNamesAsync(
        MedicalDbContext db, IReadOnlyList<AuditLogRow> rows, CancellationToken cancellationToken)
    {
        var names = new Dictionary<(string, Guid), string>();
        foreach (var kind in rows.Where(r => r.EntityType is not null).GroupBy(r => r.EntityType!))
        {
            var ids = kind.Select(r => ParseGuid(r.EntityId)).OfType<Guid>().Distinct().ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            var found = kind.Key switch
            {
                nameof(Patient) => await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id))
                    .Select(p => new KeyValuePair<Guid, string>(p.Id, p.FirstName + " " + p.LastName)).ToListAsync(cancellationToken),
                nameof(Appointment) => await db.Appointments.AsNoTracking().Where(a => ids.Contains(a.Id))
                    .Select(a => new KeyValuePair<Guid, string>(a.Id, a.Number)).ToListAsync(cancellationToken),
                nameof(ClinicLocation) => await db.ClinicLocations.AsNoTracking().Where(l => ids.Contains(l.Id))
                    .Select(l => new KeyValuePair<Guid, string>(l.Id, l.Name)).ToListAsync(cancellationToken),
                nameof(PracticeMembership) => await db.PracticeMemberships.AsNoTracking().Where(m => ids.Contains(m.Id))
                    .Select(m => new KeyValuePair<Guid, string>(m.Id, m.User!.FullName)).ToListAsync(cancellationToken),
                nameof(DoctorProfile) => await db.DoctorProfiles.AsNoTracking().Where(d => ids.Contains(d.Id))
                    .Select(d => new KeyValuePair<Guid, string>(d.Id, d.Membership!.User!.FullName)).ToListAsync(cancellationToken),
                nameof(StaffInvitation) => await db.StaffInvitations.AsNoTracking().Where(i => ids.Contains(i.Id))
                    .Select(i => new KeyValuePair<Guid, string>(i.Id, i.FullName)).ToListAsync(cancellationToken),
                nameof(PracticeMedicine) => await db.PracticeMedicines.AsNoTracking().Where(m => ids.Contains(m.Id))
                    .Select(m => new KeyValuePair<Guid, string>(m.Id, m.BrandName + " " + m.Strength)).ToListAsync(cancellationToken),
                nameof(GlobalMedicine) => await db.GlobalMedicines.AsNoTracking().Where(m => ids.Contains(m.Id))
                    .Select(m => new KeyValuePair<Guid, string>(m.Id, m.BrandName + " " + m.Strength)).ToListAsync(cancellationToken),
                nameof(ShortKey) => await db.ShortKeys.AsNoTracking().Where(k => ids.Contains(k.Id))
                    .Select(k => new KeyValuePair<Guid, string>(k.Id, k.Code)).ToListAsync(cancellationToken),
                _ => [],
            };
            foreach (var (id, name) in found)
            {
                names[(kind.Key, id)] = name;
            }
        }

        return names;
    }

    /// <summary>Who, as a person reads it: the member's name, else the address the entry recorded.</summary>
    public static string Who(string? userName, string? userEmail) => userName ?? userEmail ?? "—";

    /// <summary>A kind of record as people say it.</summary>
    public static string KindOf(string entityType) => entityType switch
    {
        nameof(Patient) => "Patient",
        nameof(Appointment) => "Appointment",
        nameof(ClinicLocation) => "Clinic location",
        nameof(PracticeMembership) => "Staff member",
        nameof(DoctorProfile) => "Doctor",
        nameof(StaffInvitation) => "Invitation",
        nameof(PracticeMedicine) => "Medicine",
        nameof(GlobalMedicine) => "Catalogue medicine",
        nameof(ShortKey) => "Short key",
        nameof(Practice) => "The practice",
        _ => entityType,
    };

    private static Guid? ParseGuid(string? text) => Guid.TryParse(text, CultureInfo.InvariantCulture, out var id) ? id : null;
}
