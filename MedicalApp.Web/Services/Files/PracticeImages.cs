using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Services.Files;

/// <summary>An upload that passed its kind's checks: its bytes, its recognised format and the name to show.</summary>
public sealed record UploadedImage(byte[] Content, ImageFormat Format, string FileName);

/// <summary>A stored image opened for an endpoint; the caller disposes the stream.</summary>
public sealed record StoredImageContent(Stream Content, string ContentType, Guid FileId);

/// <summary>
/// One image a practice keeps in place of another (the logo, a doctor's signature): read and checked before the change,
/// then stored inside the caller's change. The file is written during the change and removed again when the change is
/// not saved; the replaced one's row goes in the same transaction and its file only after the commit. The bytes count
/// against the plan's storage, checked under the practice lock the change holds.
/// </summary>
public sealed class PracticeImages(FileStore fileStore, ILogger<PracticeImages> logger)
{
    /// <summary>
    /// Reads the upload (one byte past the limit at most) and checks its size and content: the image, or the message
    /// for the field when it is too large or not one of <paramref name="kind"/>'s formats.
    /// </summary>
    public static async Task<(UploadedImage? Image, string? Error)> ReadAsync(
        Stream content, string? fileName, UploadedImageKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(kind);
        var bytes = await ReadAtMostAsync(content, kind.MaxBytes + 1, cancellationToken);
        if (bytes.Length == 0)
        {
            return (null, kind.EmptyMessage);
        }

        if (bytes.Length > kind.MaxBytes)
        {
            return (null, kind.TooLargeMessage(content.CanSeek ? content.Length : bytes.Length));
        }

        return kind.Recognise(bytes) is { } format
            ? (new UploadedImage(bytes, format, DisplayName(fileName, kind, format)), null)
            : (null, kind.WrongFormatMessage);
    }

    /// <summary>
    /// Stores <paramref name="image"/> as a new file of the practice in place of <paramref name="previousFileId"/> (none
    /// when null) and returns the new row (added to the change) and the replaced one (removed), for the caller to point
    /// its record at and to describe in its audit row.
    /// </summary>
    public async Task<(StoredFile Stored, StoredFile? Replaced)> ReplaceAsync(
        PracticeChange change, UploadedImage image, StoredFilePurpose purpose, Guid? previousFileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(image);
        var practiceId = change.Db.RequirePracticeId();
        var previous = previousFileId is { } id ? await change.Db.StoredFiles.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) : null;
        // The replaced file's bytes are freed in the same transaction, so only the difference needs room.
        await change.EnsureRoomForAsync(LimitedResource.StorageBytes, image.Content.Length - (previous?.SizeBytes ?? 0), cancellationToken);
        var file = await WriteAsync(change, practiceId, image, purpose, cancellationToken);
        Forget(change, practiceId, previous);
        return (file, previous);
    }

    /// <summary>
    /// Stores <paramref name="images"/> as new files of the practice (an attachment and its thumbnail), with one check
    /// of the storage for all of them together: the rows are not saved yet, so checking each alone would not count
    /// the others. Returns the new rows (added to the change) in the same order.
    /// </summary>
    public async Task<IReadOnlyList<StoredFile>> AddAsync(
        PracticeChange change, StoredFilePurpose purpose, IReadOnlyList<UploadedImage> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(images);
        var practiceId = change.Db.RequirePracticeId();
        await change.EnsureRoomForAsync(LimitedResource.StorageBytes, images.Sum(i => (long)i.Content.Length), cancellationToken);
        var stored = new List<StoredFile>(images.Count);
        foreach (var image in images)
        {
            stored.Add(await WriteAsync(change, practiceId, image, purpose, cancellationToken));
        }

        return stored;
    }

    private async Task<StoredFile> WriteAsync(PracticeChange change, Guid practiceId, UploadedImage image, StoredFilePurpose purpose, CancellationToken cancellationToken)
    {
        var storageKey = $"{purpose.ToString().ToLowerInvariant()}/{Guid.NewGuid()}.{image.Format.Extension}";
        await using (var stored = new MemoryStream(image.Content, writable: false))
        {
            await fileStore.SaveAsync(practiceId, storageKey, stored, cancellationToken);
        }

        // Nothing will point at the new file if the change is not saved: do not leave it behind.
        change.IfNotSaved(() => DeleteQuietly(practiceId, storageKey));
        var file = new StoredFile
        {
            Purpose = purpose,
            FileName = image.FileName,
            ContentType = image.Format.ContentType,
            SizeBytes = image.Content.Length,
            StorageKey = storageKey,
            CreatedByUserId = change.Actor.UserId,
            CreatedAtUtc = change.NowUtc,
        };
        change.Db.StoredFiles.Add(file);
        return file;
    }

    /// <summary>Removes the stored file <paramref name="fileId"/> inside the change (its bytes after the commit); the removed row, or null when there was none.</summary>
    public async Task<StoredFile?> RemoveAsync(PracticeChange change, Guid? fileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var file = fileId is { } id ? await change.Db.StoredFiles.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) : null;
        Forget(change, change.Db.RequirePracticeId(), file);
        return file;
    }

    /// <summary>The stored image <paramref name="fileId"/> of <paramref name="purpose"/>, or null when there is none (or its file is gone).</summary>
    public async Task<StoredImageContent?> OpenAsync(MedicalDbContext db, Guid? fileId, StoredFilePurpose purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (fileId is not { } id)
        {
            return null;
        }

        var file = await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.Purpose == purpose, cancellationToken);
        return file is not null && fileStore.OpenRead(db.RequirePracticeId(), file.StorageKey) is { } stream
            ? new StoredImageContent(stream, file.ContentType, file.Id)
            : null;
    }

    private void Forget(PracticeChange change, Guid practiceId, StoredFile? file)
    {
        if (file is not null)
        {
            change.Db.StoredFiles.Remove(file);
            change.AfterCommit(() => DeleteQuietly(practiceId, file.StorageKey));
        }
    }

    // Reads one byte past the limit at most: enough to know a file is too large without holding all of it.
    private static async Task<byte[]> ReadAtMostAsync(Stream content, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit
               && (read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string DisplayName(string? fileName, UploadedImageKind kind, ImageFormat format)
    {
        var name = Path.GetFileName(fileName?.Trim() ?? "");
        if (name.Length == 0)
        {
            return $"{kind.Noun}.{format.Extension}";
        }

        return name.Length <= 255 ? name : name[..255];
    }

    private void DeleteQuietly(Guid practiceId, string storageKey)
    {
        try
        {
            fileStore.Delete(practiceId, storageKey);
        }
        catch (IOException exception)
        {
            // An unreferenced file only wastes disk; the change itself has succeeded (or left nothing else behind).
            logger.LogWarning(exception, "Could not delete the stored file {StorageKey} of practice {PracticeId}.", storageKey, practiceId);
        }
    }
}

/// <summary>How the endpoints of a practice's stored images answer.</summary>
public static class StoredImageResults
{
    /// <summary>
    /// The image, cached privately for five minutes (a shared cache must never hand one practice's image to anyone
    /// else; pages address it with <c>?v={fileId}</c>, so a replaced image is a new address), or 404 when there is none.
    /// </summary>
    public static IResult Private(HttpContext context, StoredImageContent? image)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (image is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "private, max-age=300";
        return Results.Stream(image.Content, image.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{image.FileId:N}\""));
    }
}
