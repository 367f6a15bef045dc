namespace MedicalApp.Data.Entities;

/// <summary>
/// A record that people edit in a form and that two of them may edit at once (PRODUCT.md §10: concurrent edits are
/// detected, not silently overwritten). <see cref="Version"/> goes up by one on every saved change of the row
/// (MedicalDbContext does it); an edit form carries the version it was filled from, and the service refuses the save,
/// under the practice lock, when the row has moved on since.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
