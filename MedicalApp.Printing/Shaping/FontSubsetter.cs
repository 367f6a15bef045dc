using System.Runtime.InteropServices;
using HarfBuzzSharp;
using SkiaSharp;

namespace MedicalApp.Printing.Shaping;

/// <summary>
/// Cuts a font down to the glyphs one document uses, with HarfBuzz's hb-subset. SkiaSharp's Skia is built without its
/// PDF font subsetter and would embed every font whole (about 0.5 MB each for Noto Sans); see
/// shared/reference/pdf-spike.md, route C1. HarfBuzzSharp does not wrap hb-subset, but its native library exports it,
/// so it is reached here by P/Invoke; the package versions are pinned for that reason and ShapingTests guard it.
/// </summary>
/// <remarks>
/// Glyph ids are retained (unused ones become empty), so the glyphs shaped with the whole font stay valid in the
/// subset; layout tables (GSUB, GPOS, GDEF) go, as the glyphs are already chosen and placed, and so does hinting, which
/// a PDF viewer does not use. The used characters are kept in the cmap, from which Skia writes the ToUnicode map.
/// </remarks>
internal static partial class FontSubsetter
{
    private const string Library = "libHarfBuzzSharp";

    private const int GlyphIdSet = 0;        // HB_SUBSET_SETS_GLYPH_INDEX
    private const int UnicodeSet = 1;        // HB_SUBSET_SETS_UNICODE
    private const int DropTableSet = 3;      // HB_SUBSET_SETS_DROP_TABLE_TAG
    private const uint NoHinting = 0x1;      // HB_SUBSET_FLAGS_NO_HINTING
    private const uint RetainGlyphIds = 0x2; // HB_SUBSET_FLAGS_RETAIN_GIDS

    private static readonly uint[] DroppedTables = [Tag.Parse("GSUB"), Tag.Parse("GPOS"), Tag.Parse("GDEF")];

    /// <summary>The subset font program (a TrueType file) in Skia-owned memory; the caller disposes it.</summary>
    public static SKData Subset(PrintFace face, IEnumerable<ushort> glyphs, IEnumerable<int> codepoints)
    {
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(glyphs);
        ArgumentNullException.ThrowIfNull(codepoints);
        var input = hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero)
        {
            throw new InvalidOperationException("HarfBuzz could not allocate a subset input.");
        }

        try
        {
            var glyphSet = hb_subset_input_set(input, GlyphIdSet);
            foreach (var glyph in glyphs)
            {
                hb_set_add(glyphSet, glyph);
            }

            var unicodeSet = hb_subset_input_set(input, UnicodeSet);
            foreach (var codepoint in codepoints)
            {
                hb_set_add(unicodeSet, (uint)codepoint);
            }

            var dropSet = hb_subset_input_set(input, DropTableSet);
            foreach (var table in DroppedTables)
            {
                hb_set_add(dropSet, table);
            }

            hb_subset_input_set_flags(input, NoHinting | RetainGlyphIds);
            var subset = hb_subset_or_fail(face.Face.Handle, input);
            if (subset == IntPtr.Zero)
            {
                throw new InvalidOperationException($"HarfBuzz could not subset the font {face.FileName}.");
            }

            try
            {
                var blob = hb_face_reference_blob(subset);
                try
                {
                    var data = hb_blob_get_data(blob, out var length);
                    if (data == IntPtr.Zero || length == 0)
                    {
                        throw new InvalidOperationException($"HarfBuzz produced an empty subset of the font {face.FileName}.");
                    }

                    return SKData.CreateCopy(data, (long)length);
                }
                finally
                {
                    hb_blob_destroy(blob);
                }
            }
            finally
            {
                hb_face_destroy(subset);
            }
        }
        finally
        {
            hb_subset_input_destroy(input);
        }
    }

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_input_create_or_fail();

    [LibraryImport(Library)]
    private static partial void hb_subset_input_destroy(IntPtr input);

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_input_set(IntPtr input, int setType);

    [LibraryImport(Library)]
    private static partial void hb_subset_input_set_flags(IntPtr input, uint flags);

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);

    [LibraryImport(Library)]
    private static partial void hb_set_add(IntPtr set, uint codepoint);

    [LibraryImport(Library)]
    private static partial IntPtr hb_face_reference_blob(IntPtr face);

    [LibraryImport(Library)]
    private static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [LibraryImport(Library)]
    private static partial void hb_blob_destroy(IntPtr blob);

    [LibraryImport(Library)]
    private static partial void hb_face_destroy(IntPtr face);
}
