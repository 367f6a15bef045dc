using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Patients;

/// <summary>
/// Changes to registered patients: editing the record, deactivating and reactivating, and changing a family's primary
/// member. Each runs in the practice change frame, under the practice row lock, so the version check, the family's
/// identity checks and the write are not raced by another save, and the audit row is written with the change.
/// </summary>
public sealed class PatientRecords(PracticeChanges changes)
{
    private static readonly ChangeRule Edit = new(PracticePermission.RegisterPatients, PatientRules.RegistrarsOnly);

    private static readonly ChangeRule Administer = new(PracticePermission.DeactivatePatients, PatientRules.AdministratorsOnly);

    /// <summary>
    /// Saves the record's fields. Receptionists change demographics only: a change to blood group, allergies,
    /// chronic conditions or notes is refused field by field. The mobile (the family) is not changed here.
    /// </summary>
    public Task<ChangeResult> UpdateAsync(Guid id, PatientForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return changes.RunAsync(Edit, async change =>
        {
            var patient = await change.Db.Patients.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (patient is null)
            {
                return ChangeResult.NotFound(PatientRules.NotFoundMessage);
            }

            var today = await PatientLookups.TodayAsync(change.Db, change.NowUtc, cancellationToken);
            var errors = new Dictionary<string, string>();
            var clean = PatientRules.Validate(form, today, patient.IsPrimary, patient.Mobile, errors);
            if (!string.IsNullOrWhiteSpace(form.Mobile) && IndianMobileNumber.Normalize(form.Mobile) != patient.Mobile)
            {
                errors[PatientFields.Mobile] = PatientRules.MobileFixedMessage;
            }

            if (clean is not null && !change.Actor.May(PracticePermission.EditClinicalDetails))
            {
                PatientRules.RefuseChangedMedicalDetails(patient, clean, errors);
            }

            if (errors.Count > 0 || clean is null)
            {
                return ChangeResult.Invalid(errors);
            }

            if (StaleEdit.IsStale(form.Version, patient))
            {
                return ChangeResult.Stale("patient's record");
            }

            if (patient.IsActive && clean.FirstNameKey != patient.FirstNameKey
                && await change.Db.Patients.AnyAsync(p => p.IsActive && p.Id != id && p.Mobile == patient.Mobile && p.FirstNameKey == clean.FirstNameKey, cancellationToken))
            {
                return ChangeResult.Invalid(PatientFields.FirstName, PatientRules.IdentityTakenMessage(clean.FirstName));
            }

            var changed = Apply(patient, clean, today, change.NowUtc);
            if (changed.Count == 0)
            {
                return ChangeResult.Unchanged("Nothing was changed.");
            }

            patient.UpdatedAtUtc = change.NowUtc;
            // Field names only: no health data in the audit trail.
            change.Audit(AuditActions.PatientUpdated, nameof(Patient), id, "Changed " + string.Join(", ", changed) + ".");
            return ChangeResult.Done("The patient's record was saved.");
        }, cancellationToken);
    }

    /// <summary>
    /// Takes a patient out of the active list (records stay). A primary member whose family still has active members
    /// is refused: make another member primary first, or deactivate the members.
    /// </summary>
    public Task<ChangeResult> DeactivateAsync(Guid id, CancellationToken cancellationToken = default) =>
        changes.RunAsync(Administer, async change =>
        {
            var patient = await change.Db.Patients.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (patient is null)
            {
                return ChangeResult.NotFound(PatientRules.NotFoundMessage);
            }

            var name = PatientLookups.FullName(patient);
            if (!patient.IsActive)
            {
                return ChangeResult.Unchanged($"{name} is already inactive.");
            }

            if (patient.IsPrimary)
            {
                var members = await change.Db.Patients.CountAsync(p => p.IsActive && p.Id != id && p.Mobile == patient.Mobile, cancellationToken);
                if (members > 0)
                {
                    return ChangeResult.Refused(
                        $"{name} is the primary member of a family with {(members == 1 ? "1 other active member" : $"{members} other active members")}. " +
                        "Make another member primary first, or deactivate the other members.");
                }
            }

            patient.IsActive = false;
            patient.UpdatedAtUtc = change.NowUtc;
            change.Audit(AuditActions.PatientDeactivated, nameof(Patient), id, "Deactivated.");
            return ChangeResult.Done($"{name} was deactivated.");
        }, cancellationToken);

    /// <summary>
    /// Brings a patient back. They count against the plan's patient limit again, and must still fit their family:
    /// a first name no active member has, room for one more, and a primary. A former primary whose family has since
    /// got another primary rejoins as a member (relationship Other); the first to return to an empty family leads it.
    /// </summary>
    public Task<ChangeResult> ReactivateAsync(Guid id, CancellationToken cancellationToken = default) =>
        changes.RunAsync(Administer, async change =>
        {
            var patient = await change.Db.Patients.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (patient is null)
            {
                return ChangeResult.NotFound(PatientRules.NotFoundMessage);
            }

            var name = PatientLookups.FullName(patient);
            if (patient.IsActive)
            {
                return ChangeResult.Unchanged($"{name} is already active.");
            }

            var family = await PatientLookups.ActiveFamilyAsync(change.Db, patient.Mobile, cancellationToken);
            if (family.FirstOrDefault(p => p.FirstNameKey == patient.FirstNameKey) is { } namesake)
            {
                return ChangeResult.Refused(
                    $"{PatientLookups.FullName(namesake)} is an active patient with the same mobile number and first name. " +
                    "Two active members of a family cannot share a first name: change one of the names first.");
            }

            if (family.Count >= Patient.MaxFamilyMembers)
            {
                return ChangeResult.Refused(PatientRules.FamilyFullMessage);
            }

            var primary = family.FirstOrDefault(p => p.IsPrimary);
            var message = $"{name} was reactivated.";
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
                    return ChangeResult.Refused(PatientRules.NoPrimaryMessage);
                }
            }
            else if (patient.IsPrimary)
            {
                patient.IsPrimary = false;
                patient.Relationship = FamilyRelationship.Other;
                message = $"{name} was reactivated as a member of the family (relationship Other), because {PatientLookups.FullName(primary)} is now its primary member. " +
                          "Edit the relationship if needed.";
            }

            await change.EnsureRoomForAsync(LimitedResource.Patients, 1, cancellationToken);
            patient.IsActive = true;
            patient.UpdatedAtUtc = change.NowUtc;
            change.Audit(AuditActions.PatientReactivated, nameof(Patient), id, message);
            return ChangeResult.Done(message);
        }, cancellationToken);

    /// <summary>
    /// Makes an active member the family's primary (Self). The former primary stays in the family with
    /// <paramref name="formerPrimaryBecomes"/> as their relationship; other members' relationships are kept.
    /// </summary>
    public Task<ChangeResult> MakePrimaryAsync(
        Guid id, FamilyRelationship formerPrimaryBecomes = FamilyRelationship.Other, CancellationToken cancellationToken = default) =>
        changes.RunAsync(Edit, async change =>
        {
            var patient = await change.Db.Patients.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (patient is null)
            {
                return ChangeResult.NotFound(PatientRules.NotFoundMessage);
            }

            if (formerPrimaryBecomes == FamilyRelationship.Self)
            {
                return ChangeResult.Invalid(PatientFields.Relationship, PatientRules.RelationshipError(FamilyRelationship.Self, isPrimary: false)!);
            }

            var name = PatientLookups.FullName(patient);
            if (!patient.IsActive)
            {
                return ChangeResult.Refused($"{name} is inactive. Reactivate them before making them the family's primary member.");
            }

            if (patient.IsPrimary)
            {
                return ChangeResult.Unchanged($"{name} is already the family's primary member.");
            }

            string? formerName = null;
            if (await change.Db.Patients.FirstOrDefaultAsync(p => p.IsActive && p.IsPrimary && p.Mobile == patient.Mobile, cancellationToken) is { } former)
            {
                formerName = PatientLookups.FullName(former);
                former.IsPrimary = false;
                former.Relationship = formerPrimaryBecomes;
                former.UpdatedAtUtc = change.NowUtc;
                // The unique index allows one active primary per family at every moment: the former primary steps down
                // in a save of its own (inside the frame's transaction) before the new one steps up in the frame's save.
                await change.Db.SaveChangesAsync(cancellationToken);
            }

            patient.IsPrimary = true;
            patient.Relationship = FamilyRelationship.Self;
            patient.UpdatedAtUtc = change.NowUtc;
            change.Audit(AuditActions.FamilyPrimaryChanged, nameof(Patient), id, formerName is null
                ? "Made the family's primary member."
                : $"Made the family's primary member in place of {formerName} (now {formerPrimaryBecomes}).");
            return ChangeResult.Done(formerName is null
                ? $"{name} is now the family's primary member."
                : $"{name} is now the family's primary member; {formerName} stays in the family as {formerPrimaryBecomes}.");
        }, cancellationToken);

    /// <summary>Copies the cleaned values onto the record and names each field that changed (names only: no health data in the audit).</summary>
    private static List<string> Apply(Patient patient, CleanPatient values, DateOnly today, DateTime nowUtc)
    {
        var changed = new List<string>();
        void Set<T>(string label, T current, T next, Action<T> assign)
        {
            if (!EqualityComparer<T>.Default.Equals(current, next))
            {
                changed.Add(label);
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
            changed.Add("age");
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
        Set("reminder language", patient.PreferredLanguage, values.PreferredLanguage, v => patient.PreferredLanguage = v);
        if (values.NoReminders != patient.RemindersOptedOutAtUtc is not null)
        {
            changed.Add(values.NoReminders ? "no reminders" : "reminders again");
            patient.RemindersOptedOutAtUtc = values.NoReminders ? nowUtc : null;
        }

        return changed;
    }
}
