using System.Text;
using System.Text.Encodings.Web;
using QRCoder;

namespace MedicalApp.Web.Components.Account;

/// <summary>
/// What an authenticator app needs to be set up: the key as an <c>otpauth://</c> address drawn as a QR code (an SVG made
/// here, never by an outside service: the key must not leave the server), and the key as text in groups of four for
/// typing by hand.
/// </summary>
internal static class AuthenticatorSetup
{
    public const string Issuer = "MedicalApp";

    public static string OtpAuthUri(string email, string key) =>
        $"otpauth://totp/{UrlEncoder.Default.Encode(Issuer)}:{UrlEncoder.Default.Encode(email)}?secret={key}&issuer={UrlEncoder.Default.Encode(Issuer)}&digits=6&period=30";

    /// <summary>The QR code as inline SVG markup, sized by its view box so the page's CSS sets its size.</summary>
    public static string QrCodeSvg(string otpAuthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpAuthUri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>"jbsw y3dp ehpk 3pxp …": lower case reads better; apps accept either case and ignore the spaces.</summary>
    public static string GroupedKey(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                grouped.Append(' ');
            }

            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return grouped.ToString().ToLowerInvariant();
    }
}
