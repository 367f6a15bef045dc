using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Features.Practice;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Tenancy;
using MedicalApp.Web.Validation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MedicalApp.Web.Features.Patients;

/// <summary>
/// Patients and families of the current practice. A family is everyone sharing a mobile number: one primary member
/// (Self) registered first, at most 10 active members, each with a different first name. Creations run in one
/// transaction under the practice row lock taken by the plan limit check, so two receptionists registering the same
/// person at the same moment are counted one after the other; the unique indexes are the last word and their refusal
/// is turned into the same message. Another practice's patients are invisible here (tenant filter, row-level security
/// and the search function's own practice filter), so the same mobile and name elsewhere is never refused nor revealed.
/// </summary>
public sealed partial class PatientService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PlanLimitService planLimits,
    AuditTrail audit,
    TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>
    /// Search totals are counted up to this many (10 pages): a search box's page never pays for counting a huge result
    /// (at 100,000 patients counting to 1,000 costs several milliseconds, to 200 about one); more means "narrow it down".
    /// </summary>
    public const int CountLimit = 200;

    /// <summary>The visit timeline shows this many appointments at most, newest first.</summary>
    public const int MaxVisitsShown = 200;

    public const string StaleEditMessage =
        "Someone else changed this patient's record after you opened it. Reload the record to see their changes, then make yours again.";

    public const string MobileFixedMessage =
        "The mobile number identifies the family and cannot be changed here.";

    // ---------- Registration ----------

    /// <summary>
    /// Registers a new family: the primary member (Self) and up to 9 members with their relationship, all or nothing.
    /// When the mobile already has an active family, nothing is saved and the result carries that family's primary
    /// so the page can offer to add a member to it instead.
    /// </summary>
    public async Task<PatientResult> RegisterFamilyAsync(
        PatientForm primary, IReadOnlyList<PatientForm>? members = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(primary);
        members ??= [];
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.ReadAsync(db, cancellationToken);
        if (actor is null || !actor.May(PracticePermission.RegisterPatients))
        {
            return PatientResult.Forbidden(PatientRules.RegistrarsOnly);
        }

        var today = await TodayAsync(db, cancellationToken);
        var errors = new Dictionary<string, string>();
        var head = PatientRules.Validate(primary, today, isPrimary: true, familyMobile: null, errors);
        if (members.Count > Patient.MaxFamilyMembers - 1)
        {
            errors[PatientFields.Members] = PatientRules.FamilyFullMessage;
        }

        var others = new List<CleanPatient>();
        for (var i = 0; i < members.Count; i++)
        {
            var index = i;
            if (PatientRules.Validate(members[i], today, isPrimary: false, head?.Mobile ?? "", errors, f => PatientFields.Member(index, f)) is { } member)
            {
                others.Add(member);
            }
        }

        // The first name identifies a member within the family, whatever its case.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (head is not null)
        {
            seen.Add(head.FirstNameKey);
        }

        for (var i = 0; i < members.Count; i++)
        {
            var key = PatientRules.NameKey(members[i].FirstName);
            if (key.Length > 0 && !seen.Add(key) && !errors.ContainsKey(PatientFields.Member(i, PatientFields.FirstName)))
            {
                errors[PatientFields.Member(i, PatientFields.FirstName)] = PatientRules.DuplicateInFamilyMessage(members[i].FirstName!);
            }
        }

        if (!actor.May(PracticePermission.EditClinicalDetails))
        {
            RefuseMedicalDetails(primary, errors, f => f);
            for (var i = 0; i < members.Count; i++)
            {
                var index = i;
                RefuseMedicalDetails(members[i], errors, f => PatientFields.Member(index, f));
            }
        }

        if (errors.Count > 0 || head is null)
        {
            return PatientResult.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var primaryPatient = NewPatient(head, isPrimary: true, today, now, actor.UserId);
        var memberPatients = others.Select(m => NewPatient(m, isPrimary: false, today, now, actor.UserId)).ToList();
        try
        {
            await db.EnsurePracticeWritableAsync(cancellationToken);
            await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
            var family = await ActiveFamilyAsync(db, head.Mobile, cancellationToken);
            if (family.Count > 0)
            {
                return FamilyExists(family, head);
            }

            await planLimits.EnsureRoomForAsync(db, LimitedResource.Patients, 1 + memberPatients.Count, cancellationToken);
            db.Patients.Add(primaryPatient);
            db.Patients.AddRange(memberPatients);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (RefusalMessage(ex) is { } message)
        {
            return PatientResult.Refused(message);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Someone registered this mobile between our check and our write (only possible around the practice lock).
            await using var fresh = await contextFactory.CreateDbContextAsync(cancellationToken);
            var family = await ActiveFamilyAsync(fresh, head.Mobile, cancellationToken);
            if (family.Count == 0)
            {
                throw;
            }

            return FamilyExists(family, head);
        }

        foreach (var patient in memberPatients.Prepend(primaryPatient))
        {
            await RecordAsync(actor, AuditActions.PatientRegistered, patient.Id,
                patient.IsPrimary ? "Registered as the primary member of a new family." : $"Registered as a family member ({patient.Relationship}).",
                cancellationToken);
        }

        var registered = memberPatients.Count switch
        {
            0 => $"{FullName(primaryPatient)} was registered.",
            1 => $"{FullName(primaryPatient)} and 1 family member were registered.",
            _ => $"{FullName(primaryPatient)} and {memberPatients.Count} family members were registered.",
        };
        return PatientResult.Saved(registered, primaryPatient.Id, [.. memberPatients.Select(p => p.Id)]);
    }

    /// <summary>Adds a member to the active family of <paramref name="mobile"/>; its primary must already be registered.</summary>
    public async Task<PatientResult> AddFamilyMemberAsync(string mobile, PatientForm member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        var result = await AddFamilyMembersAsync(mobile, [member], cancellationToken);
        // One member: its field errors are keyed by the plain field names.
        var prefix = PatientFields.Member(0, "");
        return result.FieldErrors.Count == 0 ? result with { MemberIds = null } : result with
        {
            FieldErrors = result.FieldErrors.ToDictionary(e => e.Key.StartsWith(prefix, StringComparison.Ordinal) ? e.Key[prefix.Length..] : e.Key, e => e.Value),
        };
    }

    /// <summary>
    /// Adds members to the active family of <paramref name="mobile"/> in one transaction, all or none: its primary
    /// must already be registered, the family stays within 10 active members, each with a first name of their own.
    /// Field errors are keyed <see cref="PatientFields.Member"/>(index, field).
    /// </summary>
    public async Task<PatientResult> AddFamilyMembersAsync(
        string mobile, IReadOnlyList<PatientForm> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.ReadAsync(db, cancellationToken);
        if (actor is null || !actor.May(PracticePermission.RegisterPatients))
        {
            return PatientResult.Forbidden(PatientRules.RegistrarsOnly);
        }

        if (IndianMobileNumber.Normalize(mobile) is not { } familyMobile)
        {
            return PatientResult.Invalid(PatientFields.Mobile, IndianMobileNumber.ErrorMessage);
        }

        if (members.Count == 0)
        {
            return PatientResult.Invalid(PatientFields.Members, "Add at least one family member.");
        }

        var today = await TodayAsync(db, cancellationToken);
        var errors = new Dictionary<string, string>();
        var clean = new List<CleanPatient>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            var index = i;
            string Key(string field) => PatientFields.Member(index, field);
            if (PatientRules.Validate(members[i], today, isPrimary: false, familyMobile, errors, Key) is { } member)
            {
                clean.Add(member);
                if (!seen.Add(member.FirstNameKey))
                {
                    errors[Key(PatientFields.FirstName)] = PatientRules.DuplicateInFamilyMessage(member.FirstName);
                }
            }

            if (!actor.May(PracticePermission.EditClinicalDetails))
            {
                RefuseMedicalDetails(members[i], errors, Key);
            }
        }

        if (errors.Count > 0)
        {
            return PatientResult.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var patients = clean.Select(m => NewPatient(m, isPrimary: false, today, now, actor.UserId)).ToList();
        string primaryName;
        try
        {
            await db.EnsurePracticeWritableAsync(cancellationToken);
            await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
            var family = await ActiveFamilyAsync(db, familyMobile, cancellationToken);
            var primary = family.FirstOrDefault(p => p.IsPrimary);
            if (primary is null)
            {
                return PatientResult.Refused(PatientRules.NoPrimaryMessage);
            }

            for (var i = 0; i < patients.Count; i++)
            {
                if (family.Any(p => p.FirstNameKey == patients[i].FirstNameKey))
                {
                    errors[PatientFields.Member(i, PatientFields.FirstName)] = PatientRules.IdentityTakenMessage(patients[i].FirstName);
                }
            }

            if (errors.Count > 0)
            {
                return PatientResult.Invalid(errors);
            }

            if (family.Count + patients.Count > Patient.MaxFamilyMembers)
            {
                return PatientResult.Refused(family.Count >= Patient.MaxFamilyMembers
                    ? PatientRules.FamilyFullMessage
                    : $"{PatientRules.FamilyFullMessage} This family has {family.Count}, so at most {Patient.MaxFamilyMembers - family.Count} more can join.");
            }

            await planLimits.EnsureRoomForAsync(db, LimitedResource.Patients, patients.Count, cancellationToken);
            db.Patients.AddRange(patients);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            primaryName = FullName(primary);
        }
        catch (Exception ex) when (RefusalMessage(ex) is { } message)
        {
            return PatientResult.Refused(message);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Someone added a namesake between our check and our write; the unique index refused ours.
            await using var fresh = await contextFactory.CreateDbContextAsync(cancellationToken);
            var taken = await ActiveFamilyAsync(fresh, familyMobile, cancellationToken);
            for (var i = 0; i < patients.Count; i++)
            {
                if (taken.Any(p => p.FirstNameKey == patients[i].FirstNameKey))
                {
                    errors[PatientFields.Member(i, PatientFields.FirstName)] = PatientRules.IdentityTakenMessage(patients[i].FirstName);
                }
            }

            if (errors.Count == 0)
            {
                throw;
            }

            return PatientResult.Invalid(errors);
        }

        foreach (var patient in patients)
        {
            await RecordAsync(actor, AuditActions.PatientRegistered, patient.Id, $"Registered as a family member ({patient.Relationship}).", cancellationToken);
        }

        var added = patients.Count == 1
            ? $"{FullName(patients[0])} was added to the family of {primaryName}."
            : $"{patients.Count} members were added to the family of {primaryName}.";
        return PatientResult.Saved(added, patients[0].Id, [.. patients.Select(p => p.Id)]);
    }

    // ---------- Changes ----------

    /// <summary>
    /// Saves the record's fields. Receptionists change demographics only: a change to blood group, allergies,
    /// chronic conditions or notes is refused field by field. The mobile (the family) is not changed here.
    /// </summary>
    public async Task<PatientResult> UpdateAsync(Guid id, PatientForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.ReadAsync(db, cancellationToken);
        if (await db.Patients.AsNoTracking().AnyAsync(p => p.Id == id, cancellationToken) is false)
        {
            return PatientResult.NotFound();
        }

        if (actor is null || !actor.May(PracticePermission.RegisterPatients))
        {
            return PatientResult.Forbidden(PatientRules.RegistrarsOnly);
        }

        var today = await TodayAsync(db, cancellationToken);
        var changes = new List<string>();
        (string Mobile, string Key)? identity = null;
        try
        {
            await db.EnsurePracticeWritableAsync(cancellationToken);
            // Under the practice lock, so the version check and the identity check are not raced by another save.
            await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
            var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (patient is null)
            {
                return PatientResult.NotFound();
            }

            var errors = new Dictionary<string, string>();
            var clean = PatientRules.Validate(form, today, patient.IsPrimary, patient.Mobile, errors);
            if (!string.IsNullOrWhiteSpace(form.Mobile) && IndianMobileNumber.Normalize(form.Mobile) != patient.Mobile)
            {
                errors[PatientFields.Mobile] = MobileFixedMessage;
            }

            if (clean is not null && !actor.May(PracticePermission.EditClinicalDetails))
            {
                RefuseChangedMedicalDetails(patient, clean, errors);
            }

            if (errors.Count > 0 || clean is null)
            {
                return PatientResult.Invalid(errors);
            }

            var version = VersionOf(patient);
            if (form.Version is { } seen && seen != version)
            {
                return PatientResult.Refused(StaleEditMessage);
            }

            if (patient.IsActive && clean.FirstNameKey != patient.FirstNameKey
                && await db.Patients.AnyAsync(p => p.IsActive && p.Id != id && p.Mobile == patient.Mobile && p.FirstNameKey == clean.FirstNameKey, cancellationToken))
            {
                return PatientResult.Invalid(PatientFields.FirstName, PatientRules.IdentityTakenMessage(clean.FirstName));
            }

            identity = (patient.Mobile, clean.FirstNameKey);
            Apply(patient, clean, today, changes);
            if (changes.Count == 0)
            {
                return PatientResult.Saved("Nothing was changed.", id);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            patient.UpdatedAtUtc = now > version ? now : version.AddMilliseconds(1);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (RefusalMessage(ex) is { } message)
        {
            return PatientResult.Refused(message);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex) && identity is not null)
        {
            if (!await IdentityTakenInFreshContextAsync(identity.Value.Mobile, identity.Value.Key, exceptId: id, cancellationToken))
            {
                throw;
            }

            return PatientResult.Invalid(PatientFields.FirstName, PatientRules.IdentityTakenMessage(form.FirstName ?? ""));
        }

        await RecordAsync(actor, AuditActions.PatientUpdated, id, "Changed " + string.Join(", ", changes) + ".", cancellationToken);
        return PatientResult.Saved("The patient's record was saved.", id);
    }

    /// <summary>
    /// Takes a patient out of the active list (records stay). A primary member whose family still has active members
    /// is refused: make another member primary first, or deactivate the members.
    /// </summary>
    public async Task<PatientResult> DeactivateAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.ReadAsync(db, cancellationToken);
        var gate = await AdministratorGateAsync(db, actor, id, cancellationToken);
        if (gate is not null || actor is null)
        {
            return gate ?? PatientResult.Forbidden(PatientRules.AdministratorsOnly);
        }

        string name;
        try
        {
            await db.EnsurePracticeWritableAsync(cancellationToken);
            await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
            var patient = await db.Patients.FirstAsync(p => p.Id == id, cancellationToken);
            name = FullName(patient);
            if (!patient.IsActive)
            {
                return PatientResult.Saved($"{name} is already inactive.", id);
            }

            if (patient.IsPrimary)
            {
                var members = await db.Patients.CountAsync(p => p.IsActive && p.Id != id && p.Mobile == patient.Mobile, cancellationToken);
                if (members > 0)
                {
                    return PatientResult.Refused(
                        $"{name} is the primary member of a family with {(members == 1 ? "1 other active member" : $"{members} other active members")}. " +
                        "Make another member primary first, or deactivate the other members.");
                }
            }

            patient.IsActive = false;
            patient.UpdatedAtUtc = NextVersion(patient);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (RefusalMessage(ex) is { } message)
        {
            return PatientResult.Refused(message);
        }

        await RecordAsync(actor, AuditActions.PatientDeactivated, id, "Deactivated.", cancellationToken);
        return PatientResult.Saved($"{name} was deactivated.", id);
    }

    /// <summary>
    /// Brings a patient back. They count against the plan's patient limit again, and must still fit their family:
    /// a first name no active member has, room for one more, and a primary. A former primary whose family has since
    /// got another primary rejoins as a member (relationship Other); the first to return to an empty family leads it.
    /// </summary>
    public async Task<PatientResult> ReactivateAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.ReadAsync(db, cancellationToken);
        var gate = await AdministratorGateAsync(db, actor, id, cancellationToken);
        if (gate is not null || actor is null)
        {
            return gate ?? PatientResult.Forbidden(PatientRules.AdministratorsOnly);
        }

        string name;
        string message;
        try
        {
            await db.EnsurePracticeWritableAsync(cancellationToken);
            await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
            var patient = await db.Patients.FirstAsync(p => p.Id == id, cancellationToken);
            name = FullName(patient);
            if (patient.IsActive)
            {
                return PatientResult.Saved($"{name} is already active.", id);
            }

            var family = await ActiveFamilyAsync(db, patient.Mobile, cancellationToken);
            if (family.FirstOrDefault(p => p.FirstNameKey == patient.FirstNameKey) is { } namesake)
            {
                return PatientResult.Refused(
                    $"{FullName(namesake)} is an active patient with the same mobile number and first name. " +
                    "Two active members of a family cannot share a first name: change one of the names first.");
            }

            if (family.Count >= Patient.MaxFamilyMembers)
            {
                return PatientResult.Refused(PatientRules.FamilyFullMessage);
            }

            var primary = family.FirstOrDefault(p => p.IsPrimary);
            message = $"{name} was reactivated.";
            if (family.Count == 0)
            {
                if (!patient.IsPrimary)
                {
                    message = $"{name} was reactivated as the primary member of the family (nobody else in it is active).";
                }

                patient.IsPrimary = true;
                patient.Relationship = FamilyRelationship.Self;
            }
            else if (primary is null)
            {
                if (!patient.IsPrimary)
                {
                    return PatientResult.Refused(PatientRules.NoPrimaryMessage);
                }
            }
            else if (patient.IsPrimary)
            {
                patient.IsPrimary = false;
                patient.Relationship = FamilyRelationship.Other;
                message = $"{name} was reactivated as a member of the family (relationship Other), because {FullName(primary)} is now its primary member. " +
                          "Edit the relationship if needed.";
            }

            await planLimits.EnsureRoomForAsync(db, LimitedResource.Patients, 1, cancellationToken);
            patient.IsActive = true;
            patient.UpdatedAtUtc = NextVersion(patient);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (RefusalMessage(ex) is { } refusal)
        {
            return PatientResult.Refused(refusal);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            return PatientResult.Refused("Another active member of the family was registered with the same first name a moment ago. Reload and check the family.");
        }

        await RecordAsync(actor, AuditActions.PatientReactivated, id, message, cancellationToken);
        return PatientResult.Saved(message, id);
    }

    /// <summary>
    /// Makes an active member the family's primary (Self). The former primary stays in the family with
    /// <paramref name="formerPrimaryBecomes"/> as their relationship; other members' relationships are kept.
    /// </summary>
    public async Task<PatientResult> MakePrimaryAsync(
        Guid id, FamilyRelationship formerPrimaryBecomes = FamilyRelationship.Other, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.ReadAsync(db, cancellationToken);
        if (!await db.Patients.AsNoTracking().AnyAsync(p => p.Id == id, cancellationToken))
        {
            return PatientResult.NotFound();
        }

        if (actor is null || !actor.May(PracticePermission.RegisterPatients))
        {
            return PatientResult.Forbidden(PatientRules.RegistrarsOnly);
        }

        if (formerPrimaryBecomes == FamilyRelationship.Self)
        {
            return PatientResult.Invalid(PatientFields.Relationship, PatientRules.RelationshipError(FamilyRelationship.Self, isPrimary: false)!);
        }

        string name;
        string? formerName = null;
        try
        {
            await db.EnsurePracticeWritableAsync(cancellationToken);
            await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
            var patient = await db.Patients.FirstAsync(p => p.Id == id, cancellationToken);
            name = FullName(patient);
            if (!patient.IsActive)
            {
                return PatientResult.Refused($"{name} is inactive. Reactivate them before making them the family's primary member.");
            }

            if (patient.IsPrimary)
            {
                return PatientResult.Saved($"{name} is already the family's primary member.", id);
            }

            // Two saves: the unique index allows one active primary per family at every moment, so the former primary
            // steps down before the new one steps up.
            if (await db.Patients.FirstOrDefaultAsync(p => p.IsActive && p.IsPrimary && p.Mobile == patient.Mobile, cancellationToken) is { } former)
            {
                formerName = FullName(former);
                former.IsPrimary = false;
                former.Relationship = formerPrimaryBecomes;
                former.UpdatedAtUtc = NextVersion(former);
                await db.SaveChangesAsync(cancellationToken);
            }

            patient.IsPrimary = true;
            patient.Relationship = FamilyRelationship.Self;
            patient.UpdatedAtUtc = NextVersion(patient);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (RefusalMessage(ex) is { } message)
        {
            return PatientResult.Refused(message);
        }

        var details = formerName is null
            ? "Made the family's primary member."
            : $"Made the family's primary member in place of {formerName} (now {formerPrimaryBecomes}).";
        await RecordAsync(actor, AuditActions.FamilyPrimaryChanged, id, details, cancellationToken);
        return PatientResult.Saved(formerName is null
            ? $"{name} is now the family's primary member."
            : $"{name} is now the family's primary member; {formerName} stays in the family as {formerPrimaryBecomes}.", id);
    }

    // ---------- Reading ----------

    /// <summary>
    /// The patient page: the record, family and visit timeline (appointments, newest first, in the practice's time).
    /// Every load of the page is a view of a patient record and is recorded in the audit trail; the page passes
    /// <paramref name="recordView"/> false only to refresh what it already shows after its own change. Null when there
    /// is no such patient in this practice, or the viewer is no longer an active member.
    /// </summary>
    public async Task<PatientRecord?> GetAsync(Guid id, bool recordView = true, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } viewer || !viewer.May(PracticePermission.ViewPatients))
        {
            return null;
        }

        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var zoneId = await ZoneIdAsync(db, cancellationToken);
        var today = TodayIn(zoneId);
        var family = await FamilyRowsAsync(db, patient.Mobile, today, cancellationToken);
        var visits = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == id)
            .OrderByDescending(a => a.StartsAtUtc)
            .Take(MaxVisitsShown)
            .Select(a => new
            {
                a.Id, a.Number, a.StartsAtUtc, a.EndsAtUtc, a.Status, a.IsWalkIn, a.Reason,
                Doctor = a.Doctor!.Membership!.User!.FullName,
                Location = a.ClinicLocation!.Name,
            })
            .ToListAsync(cancellationToken);

        if (recordView)
        {
            await RecordAsync(viewer, AuditActions.PatientViewed, id, $"Viewed the record of {FullName(patient)}.", cancellationToken);
        }

        return new PatientRecord(
            patient.Id, patient.FirstName, patient.LastName, patient.DateOfBirth, patient.AgeYears, patient.AgeRecordedOn,
            patient.AgeOn(today), patient.Gender, patient.Mobile, patient.IsPrimary, patient.Relationship, patient.Email,
            patient.Address, patient.EmergencyContactName, patient.EmergencyContactPhone, patient.BloodGroup, patient.Allergies,
            patient.ChronicConditions, patient.Notes, patient.IsActive, patient.CreatedAtUtc, VersionOf(patient),
            [.. family.Where(m => m.Id != id)],
            [.. visits.Select(v => new PatientVisit(v.Id, v.Number, PracticeTime.ToLocal(v.StartsAtUtc, zoneId), PracticeTime.ToLocal(v.EndsAtUtc, zoneId),
                v.Doctor, v.Location, v.Status, v.IsWalkIn, v.Reason))]);
    }

    /// <summary>
    /// An active patient of this practice as a picker shows one (a page opened with ?patientId=, or just registered),
    /// or null when there is no such active patient here. Not an audited view: it shows no more than a search row.
    /// </summary>
    public async Task<PatientPick?> FindPickAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPatients, cancellationToken: cancellationToken);
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.IsActive, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var today = TodayIn(await ZoneIdAsync(db, cancellationToken));
        return PatientPick.From(new PatientSearchRow(patient.Id, patient.FirstName, patient.LastName, patient.AgeOn(today), patient.Gender,
            patient.Mobile, patient.IsPrimary, patient.Relationship, patient.IsActive));
    }

    /// <summary>
    /// Opens the "who accessed this record" report (PRODUCT.md §10) for an administrator: the patient's name and
    /// appointments (whose booking, confirming, starting … the report includes), or null
    /// when there is no such patient here or the viewer is not (any more) an administrator. Opening the report is
    /// itself recorded against the patient, so it shows in the report too.
    /// </summary>
    public async Task<PatientAccessSubject?> OpenAccessReportAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } viewer || !viewer.May(PracticePermission.ViewPatientAccessReport))
        {
            return null;
        }

        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var appointments = await db.Appointments.AsNoTracking().Where(a => a.PatientId == id).Select(a => a.Id).ToListAsync(cancellationToken);
        await RecordAsync(viewer, AuditActions.PatientAccessReportViewed, id, $"Opened who accessed the record of {FullName(patient)}.", cancellationToken);
        return new PatientAccessSubject(FullName(patient), appointments);
    }

    /// <summary>The practice's today, which the forms judge dates of birth by (as the service does).</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await TodayAsync(db, cancellationToken);
    }

    /// <summary>Everyone registered on a mobile (former members too), or null when nobody is.</summary>
    public async Task<FamilyView?> GetFamilyAsync(string mobile, CancellationToken cancellationToken = default)
    {
        if (IndianMobileNumber.Normalize(mobile) is not { } familyMobile)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPatients, cancellationToken: cancellationToken);
        var today = TodayIn(await ZoneIdAsync(db, cancellationToken));
        var members = await FamilyRowsAsync(db, familyMobile, today, cancellationToken);
        return members.Count == 0 ? null : new FamilyView(familyMobile, members);
    }

    /// <summary>The active family on a mobile, for "this mobile already has a family" while a form is filled in.</summary>
    public async Task<ExistingFamily?> FindFamilyAsync(string? mobile, CancellationToken cancellationToken = default)
    {
        if (IndianMobileNumber.Normalize(mobile) is not { } familyMobile)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPatients, cancellationToken: cancellationToken);
        var family = await ActiveFamilyAsync(db, familyMobile, cancellationToken);
        return family.Count == 0 ? null : Describe(family);
    }

    // ---------- Helpers ----------

    private static Patient NewPatient(CleanPatient values, bool isPrimary, DateOnly today, DateTime now, Guid createdBy) => new()
    {
        FirstName = values.FirstName,
        LastName = values.LastName,
        FirstNameKey = values.FirstNameKey,
        SearchName = values.SearchName,
        DateOfBirth = values.DateOfBirth,
        AgeYears = values.DateOfBirth is null ? values.AgeYears : null,
        AgeRecordedOn = values.DateOfBirth is null ? today : null,
        Gender = values.Gender,
        Mobile = values.Mobile,
        IsPrimary = isPrimary,
        Relationship = isPrimary ? FamilyRelationship.Self : values.Relationship,
        Email = values.Email,
        Address = values.Address,
        EmergencyContactName = values.EmergencyContactName,
        EmergencyContactPhone = values.EmergencyContactPhone,
        BloodGroup = values.BloodGroup,
        Allergies = values.Allergies,
        ChronicConditions = values.ChronicConditions,
        Notes = values.Notes,
        IsActive = true,
        CreatedAtUtc = now,
        CreatedByUserId = createdBy,
    };

    /// <summary>Copies the cleaned values onto the record, naming each field that changed (names only: no health data in the audit).</summary>
    private static void Apply(Patient patient, CleanPatient values, DateOnly today, List<string> changes)
    {
        void Set<T>(string label, T current, T next, Action<T> assign)
        {
            if (!EqualityComparer<T>.Default.Equals(current, next))
            {
                changes.Add(label);
                assign(next);
            }
        }

        Set("first name", patient.FirstName, values.FirstName, v =>
        {
            patient.FirstName = v;
            patient.FirstNameKey = values.FirstNameKey;
        });
        Set("last name", patient.LastName, values.LastName, v => patient.LastName = v);
        patient.SearchName = values.SearchName;
        if (values.DateOfBirth is { } born)
        {
            Set("date of birth", patient.DateOfBirth, born, v =>
            {
                patient.DateOfBirth = v;
                patient.AgeYears = null;
                patient.AgeRecordedOn = null;
            });
        }
        else if (patient.DateOfBirth is not null || patient.AgeOn(today) != values.AgeYears)
        {
            // An unchanged age keeps the day it was recorded on; a new one is recorded today.
            changes.Add("age");
            patient.DateOfBirth = null;
            patient.AgeYears = values.AgeYears;
            patient.AgeRecordedOn = today;
        }

        Set("gender", patient.Gender, values.Gender, v => patient.Gender = v);
        if (!patient.IsPrimary)
        {
            Set("relationship", patient.Relationship, values.Relationship, v => patient.Relationship = v);
        }

        Set("email", patient.Email, values.Email, v => patient.Email = v);
        Set("address", patient.Address, values.Address, v => patient.Address = v);
        Set("emergency contact name", patient.EmergencyContactName, values.EmergencyContactName, v => patient.EmergencyContactName = v);
        Set("emergency contact phone", patient.EmergencyContactPhone, values.EmergencyContactPhone, v => patient.EmergencyContactPhone = v);
        Set("blood group", patient.BloodGroup, values.BloodGroup, v => patient.BloodGroup = v);
        Set("allergies", patient.Allergies, values.Allergies, v => patient.Allergies = v);
        Set("chronic conditions", patient.ChronicConditions, values.ChronicConditions, v => patient.ChronicConditions = v);
        Set("notes", patient.Notes, values.Notes, v => patient.Notes = v);
    }

    private static void RefuseMedicalDetails(PatientForm form, Dictionary<string, string> errors, Func<string, string> keyOf)
    {
        foreach (var (field, value) in MedicalDetails(form.BloodGroup, form.Allergies, form.ChronicConditions, form.Notes))
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                errors.TryAdd(keyOf(field), PatientRules.MedicalDetailsRefusal);
            }
        }
    }

    private static void RefuseChangedMedicalDetails(Patient patient, CleanPatient values, Dictionary<string, string> errors)
    {
        var current = MedicalDetails(patient.BloodGroup, patient.Allergies, patient.ChronicConditions, patient.Notes).ToDictionary();
        foreach (var (field, value) in MedicalDetails(values.BloodGroup, values.Allergies, values.ChronicConditions, values.Notes))
        {
            if (!string.Equals(current[field], value, StringComparison.Ordinal))
            {
                errors.TryAdd(field, PatientRules.MedicalDetailsRefusal);
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, string?>> MedicalDetails(string? bloodGroup, string? allergies, string? conditions, string? notes) =>
    [
        new(PatientFields.BloodGroup, bloodGroup),
        new(PatientFields.Allergies, allergies),
        new(PatientFields.ChronicConditions, conditions),
        new(PatientFields.Notes, notes),
    ];

    private static async Task<List<Patient>> ActiveFamilyAsync(MedicalDbContext db, string mobile, CancellationToken cancellationToken) =>
        await db.Patients.AsNoTracking().Where(p => p.IsActive && p.Mobile == mobile)
            .OrderByDescending(p => p.IsPrimary).ThenBy(p => p.CreatedAtUtc)
            .ToListAsync(cancellationToken);

    private static ExistingFamily Describe(List<Patient> family)
    {
        var primary = family.FirstOrDefault(p => p.IsPrimary) ?? family[0];
        return new ExistingFamily(primary.Mobile, primary.Id, FullName(primary), family.Count);
    }

    private static PatientResult FamilyExists(List<Patient> family, CleanPatient head)
    {
        var existing = Describe(family);
        var errors = new Dictionary<string, string> { [PatientFields.Mobile] = PatientRules.FamilyExistsMessage(existing) };
        if (family.Any(p => p.FirstNameKey == head.FirstNameKey))
        {
            errors[PatientFields.FirstName] = PatientRules.IdentityTakenMessage(head.FirstName);
        }

        return PatientResult.FamilyExists(existing, errors);
    }

    private static async Task<List<FamilyMemberRow>> FamilyRowsAsync(MedicalDbContext db, string mobile, DateOnly today, CancellationToken cancellationToken)
    {
        var members = await db.Patients.AsNoTracking().Where(p => p.Mobile == mobile).ToListAsync(cancellationToken);
        return [.. members
            .OrderByDescending(p => p.IsActive).ThenByDescending(p => p.IsPrimary).ThenBy(p => p.CreatedAtUtc).ThenBy(p => p.FirstName, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => new FamilyMemberRow(p.Id, p.FirstName, p.LastName, p.Relationship, p.IsPrimary, p.AgeOn(today), p.Gender, p.IsActive))];
    }

    private async Task<bool> IdentityTakenInFreshContextAsync(string mobile, string firstNameKey, Guid? exceptId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Patients.AnyAsync(p => p.IsActive && p.Mobile == mobile && p.FirstNameKey == firstNameKey && p.Id != exceptId, cancellationToken);
    }

    /// <summary>Not found before forbidden: an id of another practice reads exactly like an id that never existed.</summary>
    private static async Task<PatientResult?> AdministratorGateAsync(MedicalDbContext db, PracticeActor? actor, Guid id, CancellationToken cancellationToken)
    {
        if (!await db.Patients.AsNoTracking().AnyAsync(p => p.Id == id, cancellationToken))
        {
            return PatientResult.NotFound();
        }

        return actor?.May(PracticePermission.DeactivatePatients) != true ? PatientResult.Forbidden(PatientRules.AdministratorsOnly) : null;
    }

    /// <summary>The refusals a user can act on: the plan's limit and a read-only practice.</summary>
    private static string? RefusalMessage(Exception exception) => exception switch
    {
        PlanLimitExceededException or PracticeReadOnlyException => exception.Message,
        _ => null,
    };

    private static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode == 2067,
        _ => false,
    };

    private static DateTime VersionOf(Patient patient) => patient.UpdatedAtUtc ?? patient.CreatedAtUtc;

    private DateTime NextVersion(Patient patient)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var version = VersionOf(patient);
        return now > version ? now : version.AddMilliseconds(1);
    }

    private static string FullName(Patient patient) => $"{patient.FirstName} {patient.LastName}";

    private static async Task<string?> ZoneIdAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        var practiceId = db.RequirePracticeId();
        return await db.Tenants.AsNoTracking().Where(t => t.Id == practiceId).Select(t => t.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
    }

    private DateOnly TodayIn(string? zoneId) => DateOnly.FromDateTime(PracticeTime.ToLocal(clock.GetUtcNow().UtcDateTime, zoneId));

    /// <summary>"Today" in the practice's own calendar: what a date of birth and a recorded age are judged by.</summary>
    private async Task<DateOnly> TodayAsync(MedicalDbContext db, CancellationToken cancellationToken) =>
        TodayIn(await ZoneIdAsync(db, cancellationToken));

    private Task RecordAsync(PracticeActor actor, string action, Guid patientId, string details, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor.Entry(action, nameof(Patient), patientId.ToString(), details), cancellationToken);
}
