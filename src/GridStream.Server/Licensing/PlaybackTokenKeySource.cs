using System.Security.Cryptography;
using GridStream.Domain.Licensing;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace GridStream.Server.Licensing;

/// <summary>
/// The key playback tokens are signed with. GridStream:PlaybackTokens:Secret (base64, at least 32 bytes) when set —
/// an external origin or CDN that checks tokens itself needs to share it; otherwise one key made on first use and kept
/// in the database (encrypted by Data Protection), so every node and every restart agrees.
/// </summary>
internal sealed class PlaybackTokenKeySource(NpgsqlDataSource database, IDataProtectionProvider protection, byte[]? configuredKey)
{
    public const string SecretSetting = "GridStream:PlaybackTokens:Secret";

    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _key = configuredKey;

    /// <summary>Reads the configured secret; a malformed one stops the server at start with a clear message.</summary>
    public static byte[]? ConfiguredKey(IConfiguration configuration)
    {
        var secret = configuration[SecretSetting];
        if (string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var buffer = new byte[secret.Length];
        if (!Convert.TryFromBase64String(secret.Trim(), buffer, out var length) || length < PlaybackTokens.MinKeyBytes)
        {
            throw new InvalidOperationException($"{SecretSetting} must be base64 of at least {PlaybackTokens.MinKeyBytes} random bytes.");
        }

        return buffer[..length];
    }

    public async ValueTask<byte[]> GetAsync(CancellationToken cancellationToken)
    {
        if (_key is { } key)
        {
            return key;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _key ??= await LoadOrCreateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<byte[]> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        var protector = protection.CreateProtector("GridStream.PlaybackTokens.Key.v1");
        var candidate = protector.Protect(RandomNumberGenerator.GetBytes(PlaybackTokens.MinKeyBytes));
        // Nodes starting together may both try: the first insert wins and everyone reads the winner. A loser whose
        // statement began before the winner committed sees neither row, so it asks again.
        for (var attempt = 1; ; attempt++)
        {
            await using var command = database.CreateCommand(
                """
                WITH inserted AS (
                    INSERT INTO playback_token_keys ("Id", "ProtectedKey", "CreatedAt") VALUES (1, $1, now())
                    ON CONFLICT ("Id") DO NOTHING RETURNING "ProtectedKey")
                SELECT "ProtectedKey" FROM inserted
                UNION ALL SELECT "ProtectedKey" FROM playback_token_keys WHERE "Id" = 1
                LIMIT 1
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = Convert.ToBase64String(candidate) });
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string stored)
            {
                return protector.Unprotect(Convert.FromBase64String(stored));
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException("The playback token key could neither be stored nor read.");
            }
        }
    }
}
