using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Home;

/// <summary>The steps a new practice takes before it can work: each one is read from the practice's data.</summary>
public enum SetupStep
{
    DoctorHours,
    ConsultationFee,
    Letterhead,
    InviteStaff,
    TryBooking,
}

/// <summary>One step of the owner's setup checklist: what it is, whether it is done, where to do it, and what is left.</summary>
public sealed record SetupChecklistItem(SetupStep Step, string Title, bool IsDone, string Href, string Hint);

/// <summary>The owner's setup checklist, in the order a practice usually does it.</summary>
public sealed record SetupChecklist(IReadOnlyList<SetupChecklistItem> Items)
{
    public int DoneCount => Items.Count(i => i.IsDone);

    public bool IsComplete => Items.All(i => i.IsDone);

    public SetupChecklistItem For(SetupStep step) => Items.Single(i => i.Step == step);
}

/// <summary>
/// The setup checklist on the home page of owners and administrators: a newly registered practice had no doctor hours,
/// and nothing said so until booking reported "no hours on Wednesdays". Every step is derived from what the practice
/// has (no "done" flags to keep in step with the data): a step done and later undone (a doctor added without hours)
/// shows as not done again, which is what the practice needs to know.
/// </summary>
public sealed class SetupChecklistService(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors)
{
    /// <summary>The checklist for an active owner or administrator of the scope's practice; null for anyone else.</summary>
    public async Task<SetupChecklist?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (db.CurrentTenantId is not { } practiceId
            || await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.ManageSettings))
        {
            return null;
        }

        // Doctors counted like the plan counts them: an active profile of an active member.
        var doctors = await db.DoctorProfiles.AsNoTracking()
            .Where(d => d.IsActive && d.Membership!.IsActive)
            .Select(d => new
            {
                d.Id,
                d.ConsultationFee,
                HasHours = db.DoctorAvailability.Any(a => a.DoctorProfileId == d.Id
                    && db.ClinicLocations.Any(l => l.Id == a.ClinicLocationId && l.IsActive)),
            })
            .ToListAsync(cancellationToken);
        var settings = await db.Practices.AsNoTracking().Where(t => t.Id == practiceId)
            .Select(t => new { t.Settings.LogoFileId, t.Settings.LetterheadAddress })
            .SingleAsync(cancellationToken);
        // "Someone other than the owner": a member without the Owner role, or an invitation (pending or accepted).
        var hasStaff = await db.PracticeMemberships.AnyAsync(m => (m.Roles & PracticeRoles.Owner) != PracticeRoles.Owner, cancellationToken)
            || await db.StaffInvitations.AnyAsync(i => i.Status != StaffInvitationStatus.Revoked, cancellationToken);
        var hasBooking = await db.Appointments.AnyAsync(cancellationToken);

        var withoutHours = doctors.Where(d => !d.HasHours).Select(d => d.Id).ToList();
        var withoutFee = doctors.Where(d => d.ConsultationFee <= 0).Select(d => d.Id).ToList();
        return new SetupChecklist(
        [
            new(SetupStep.DoctorHours, "Set each doctor's weekly hours",
                doctors.Count > 0 && withoutHours.Count == 0,
                DoctorLink(withoutHours, "?tab=hours"),
                doctors.Count == 0 ? "Add a doctor: appointments are cut from a doctor's weekly hours."
                    : withoutHours.Count == 0 ? "Every doctor has weekly hours at a location."
                    : $"{Doctors(withoutHours.Count)} without weekly hours: nobody can book {(withoutHours.Count == 1 ? "them" : "those doctors")} yet."),
            new(SetupStep.ConsultationFee, "Set the consultation fee",
                doctors.Count > 0 && withoutFee.Count == 0,
                DoctorLink(withoutFee, ""),
                doctors.Count == 0 ? "Each doctor has a consultation fee, shown when booking and billing."
                    : withoutFee.Count == 0 ? "Every doctor has a consultation fee."
                    : $"{Doctors(withoutFee.Count)} without a consultation fee."),
            new(SetupStep.Letterhead, "Add the letterhead and logo",
                settings.LogoFileId is not null && !string.IsNullOrWhiteSpace(settings.LetterheadAddress),
                "settings",
                settings.LogoFileId is null ? "Prescriptions print on your letterhead: upload the practice's logo and check the address."
                    : "The letterhead has a logo; add the address prescriptions print."),
            new(SetupStep.InviteStaff, "Invite your staff",
                hasStaff,
                "staff",
                hasStaff ? "Your team has been invited." : "Add your receptionists, nurses and other doctors; each gets their own sign-in."),
            new(SetupStep.TryBooking, "Book a first appointment",
                hasBooking,
                "appointments/book",
                hasBooking ? "The practice has taken a booking." : "Try a booking to see the day as your reception will."),
        ]);
    }

    /// <summary>The one doctor's own page when a single doctor is left, else the list of doctors.</summary>
    private static string DoctorLink(List<Guid> doctorsLeft, string section) =>
        doctorsLeft.Count == 1 ? $"doctors/{doctorsLeft[0]}{section}" : "doctors";

    private static string Doctors(int count) => count == 1 ? "1 doctor is" : $"{count} doctors are";
}
