using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;

namespace MedicalApp.Web.Features.Patients;

/// <summary>
/// Registering patients: a new family (its primary member, Self, and up to 9 members) or members joining a family
/// that has its primary, each all or nothing. A family is everyone sharing a mobile: at most 10 active members, each
/// with a first name of their own whatever its case. Every registration runs in the practice change frame, under the
/// practice row lock, so two receptionists registering the same person at the same moment are applied one after the
/// other and the second is told the family or the name is there already; the plan's patient limit is checked and each
/// patient's audit row written in the same transaction. Another practice's patients are invisible here (tenant
/// filter and row-level security), so the same mobile and name elsewhere is never refused nor revealed.
/// </summary>
public sealed class PatientRegistration(PracticeChanges changes)
{
    private static readonly ChangeRule Register = new(PracticePermission.RegisterPatients, PatientRules.RegistrarsOnly);

    /// <summary>
    /// Registers a new family: the primary member (Self) and up to 9 members with their relationship. When the mobile
    /// already has an active family, nothing is saved and the result carries that family so the page can offer to add
    /// a member to it instead. Field errors of members are keyed <see cref="PatientFields.Member"/>(index, field).
    /// </summary>
    public Task<ChangeResult<FamilyRegistration>> RegisterFamilyAsync(
        PatientForm primary, IReadOnlyList<PatientForm>? members = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(primary);
        var others = members ?? [];
        return changes.RunAsync<FamilyRegistration>(Register, async change =>
        {
            var today = await PatientLookups.TodayAsync(change.Db, change.NowUtc, cancellationToken);
            var errors = new Dictionary<string, string>();
            var head = PatientRules.Validate(primary, today, isPrimary: true, familyMobile: null, errors);
            if (others.Count > Patient.MaxFamilyMembers - 1)
            {
                errors[PatientFields.Members] = PatientRules.FamilyFullMessage;
            }

            var cleanMembers = new List<CleanPatient>();
            for (var i = 0; i < others.Count; i++)
            {
                var index = i;
                if (PatientRules.Validate(others[i], today, isPrimary: false, head?.Mobile ?? "", errors, f => PatientFields.Member(index, f)) is { } member)
                {
                    cleanMembers.Add(member);
                }
            }

            // The first name identifies a member within the family, whatever its case.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (head is not null)
            {
                seen.Add(head.FirstNameKey);
            }

            for (var i = 0; i < others.Count; i++)
            {
                var key = PatientRules.NameKey(others[i].FirstName);
                if (key.Length > 0 && !seen.Add(key) && !errors.ContainsKey(PatientFields.Member(i, PatientFields.FirstName)))
                {
                    errors[PatientFields.Member(i, PatientFields.FirstName)] = PatientRules.DuplicateInFamilyMessage(others[i].FirstName!);
                }
            }

            if (!change.Actor.May(PracticePermission.EditClinicalDetails))
            {
                PatientRules.RefuseMedicalDetails(primary, errors, f => f);
                for (var i = 0; i < others.Count; i++)
                {
                    var index = i;
                    PatientRules.RefuseMedicalDetails(others[i], errors, f => PatientFields.Member(index, f));
                }
            }

            if (errors.Count > 0 || head is null)
            {
                return ChangeResult.Invalid(errors);
            }

            // Under the frame's practice lock: a family registered by someone else a moment ago is seen here.
            if (await PatientLookups.ActiveFamilyAsync(change.Db, head.Mobile, cancellationToken) is { Count: > 0 } family)
            {
                return FamilyExists(family, head);
            }

            await change.EnsureRoomForAsync(LimitedResource.Patients, 1 + cleanMembers.Count, cancellationToken);
            var primaryPatient = NewPatient(head, isPrimary: true, today, change);
            var memberPatients = cleanMembers.Select(m => NewPatient(m, isPrimary: false, today, change)).ToList();
            change.Db.Patients.Add(primaryPatient);
            change.Db.Patients.AddRange(memberPatients);
            change.Audit(AuditActions.PatientRegistered, nameof(Patient), primaryPatient.Id, "Registered as the primary member of a new family.");
            AuditMembers(change, memberPatients);

            var registered = memberPatients.Count switch
            {
                0 => $"{PatientLookups.FullName(primaryPatient)} was registered.",
                1 => $"{PatientLookups.FullName(primaryPatient)} and 1 family member were registered.",
                _ => $"{PatientLookups.FullName(primaryPatient)} and {memberPatients.Count} family members were registered.",
            };
            return FamilyRegistration.Done(new RegisteredPatients(primaryPatient.Id, [.. memberPatients.Select(p => p.Id)]), registered);
        }, cancellationToken);
    }

    /// <summary>
    /// Adds one member to the active family of <paramref name="mobile"/>; its primary must already be registered.
    /// Done with the new patient's id; field errors are keyed by the plain <see cref="PatientFields"/> names.
    /// </summary>
    public async Task<ChangeResult<Guid>> AddFamilyMemberAsync(string mobile, PatientForm member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        var result = await AddFamilyMembersAsync(mobile, [member], cancellationToken);
        if (result.Value is { } added)
        {
            return result.Result.With(added.PatientId);
        }

        var prefix = PatientFields.Member(0, "");
        return result.Result with
        {
            FieldErrors = result.FieldErrors.ToDictionary(e => e.Key.StartsWith(prefix, StringComparison.Ordinal) ? e.Key[prefix.Length..] : e.Key, e => e.Value),
        };
    }

    /// <summary>
    /// Adds members to the active family of <paramref name="mobile"/>, all or none: its primary must already be
    /// registered, the family stays within 10 active members, each with a first name of their own. Field errors are
    /// keyed <see cref="PatientFields.Member"/>(index, field).
    /// </summary>
    public Task<ChangeResult<RegisteredPatients>> AddFamilyMembersAsync(
        string mobile, IReadOnlyList<PatientForm> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        return changes.RunAsync<RegisteredPatients>(Register, async change =>
        {
            if (IndianMobileNumber.Normalize(mobile) is not { } familyMobile)
            {
                return ChangeResult.Invalid(PatientFields.Mobile, IndianMobileNumber.ErrorMessage);
            }

            if (members.Count == 0)
            {
                return ChangeResult.Invalid(PatientFields.Members, "Add at least one family member.");
            }

            var today = await PatientLookups.TodayAsync(change.Db, change.NowUtc, cancellationToken);
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

                if (!change.Actor.May(PracticePermission.EditClinicalDetails))
                {
                    PatientRules.RefuseMedicalDetails(members[i], errors, Key);
                }
            }

            if (errors.Count > 0)
            {
                return ChangeResult.Invalid(errors);
            }

            var family = await PatientLookups.ActiveFamilyAsync(change.Db, familyMobile, cancellationToken);
            if (family.FirstOrDefault(p => p.IsPrimary) is not { } primary)
            {
                return ChangeResult.Refused(PatientRules.NoPrimaryMessage);
            }

            for (var i = 0; i < clean.Count; i++)
            {
                if (family.Any(p => p.FirstNameKey == clean[i].FirstNameKey))
                {
                    errors[PatientFields.Member(i, PatientFields.FirstName)] = PatientRules.IdentityTakenMessage(clean[i].FirstName);
                }
            }

            if (errors.Count > 0)
            {
                return ChangeResult.Invalid(errors);
            }

            if (family.Count + clean.Count > Patient.MaxFamilyMembers)
            {
                return ChangeResult.Refused(family.Count >= Patient.MaxFamilyMembers
                    ? PatientRules.FamilyFullMessage
                    : $"{PatientRules.FamilyFullMessage} This family has {family.Count}, so at most {Patient.MaxFamilyMembers - family.Count} more can join.");
            }

            await change.EnsureRoomForAsync(LimitedResource.Patients, clean.Count, cancellationToken);
            var patients = clean.Select(m => NewPatient(m, isPrimary: false, today, change)).ToList();
            change.Db.Patients.AddRange(patients);
            AuditMembers(change, patients);

            var added = patients.Count == 1
                ? $"{PatientLookups.FullName(patients[0])} was added to the family of {PatientLookups.FullName(primary)}."
                : $"{patients.Count} members were added to the family of {PatientLookups.FullName(primary)}.";
            return ChangeResult<RegisteredPatients>.Done(new RegisteredPatients(patients[0].Id, [.. patients.Select(p => p.Id)]), added);
        }, cancellationToken);
    }

    private static void AuditMembers(PracticeChange change, IEnumerable<Patient> members)
    {
        foreach (var member in members)
        {
            change.Audit(AuditActions.PatientRegistered, nameof(Patient), member.Id, $"Registered as a family member ({member.Relationship}).");
        }
    }

    private static Patient NewPatient(CleanPatient values, bool isPrimary, DateOnly today, PracticeChange change) => new()
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
        PreferredLanguage = values.PreferredLanguage,
        RemindersOptedOutAtUtc = values.NoReminders ? change.NowUtc : null,
        IsActive = true,
        CreatedAtUtc = change.NowUtc,
        CreatedByUserId = change.Actor.UserId,
    };

    private static ChangeResult<FamilyRegistration> FamilyExists(List<Patient> family, CleanPatient head)
    {
        var existing = PatientLookups.Describe(family);
        var errors = new Dictionary<string, string> { [PatientFields.Mobile] = PatientRules.FamilyExistsMessage(existing) };
        if (family.Any(p => p.FirstNameKey == head.FirstNameKey))
        {
            errors[PatientFields.FirstName] = PatientRules.IdentityTakenMessage(head.FirstName);
        }

        return FamilyRegistration.FamilyExists(existing, errors);
    }
}
