namespace GridStream.Server.Content;

/// <summary>
/// PostgreSQL advisory lock keys are one bigint space shared by the whole database; a purpose tag mixed into the key
/// keeps "saving item X's manifest" and "following rendition X" from ever blocking each other or the migration lock.
/// </summary>
internal static class AdvisoryLockKeys
{
    public const long ManifestSave = 0x4D41_4E49_4645_5354; // "MANIFEST"
    public const long LiveFollow = 0x4C49_5645_464F_4C4C; // "LIVEFOLL"
    public const long ManifestRead = 0x4D52_4541_4452_4541; // "MREADREA"

    public static long For(long purpose, Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return purpose ^ BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}
