namespace GridStream.Domain.Ledger;

/// <summary>What makes a transfer request well formed, checked before anything touches a balance.</summary>
public static class TransferRules
{
    public const int MaxKeyLength = 200;
    public const int MaxKindLength = 64;
    public const int MaxReferenceLength = 500;

    /// <summary>Returns why the request cannot be a transfer, or null when it can.</summary>
    public static string? Validate(TransferRequest request)
    {
        if (request is null)
        {
            return "The transfer request is missing.";
        }

        return KeyError(request.IdempotencyKey)
            ?? AccountError(request.Debit, "debit")
            ?? AccountError(request.Credit, "credit")
            ?? AmountError(request.Amount)
            ?? (request.Debit.Currency != request.Credit.Currency
                ? $"The debit account is in {request.Debit.Currency} and the credit account in {request.Credit.Currency}; a transfer stays in one currency."
                : null)
            ?? (request.Debit == request.Credit ? $"The debit and credit account are the same ({request.Debit}); a transfer moves money between two accounts." : null)
            ?? KindError(request.Kind)
            ?? ReferenceError(request.Reference);
    }

    public static string? KeyError(string? key) => key switch
    {
        null or "" => "The idempotency key is empty.",
        { Length: > MaxKeyLength } => $"The idempotency key is {key.Length} characters long; at most {MaxKeyLength} are allowed.",
        _ when key.Any(char.IsControl) => "The idempotency key contains control characters.",
        _ when key.Trim().Length != key.Length => "The idempotency key starts or ends with white space.",
        _ => null,
    };

    public static string? AmountError(long amount) =>
        amount > 0 ? null : $"The amount must be more than zero (it is {amount}); corrections are reversing transfers.";

    /// <summary>Kinds name the flow ("compute.earning", "license.purchase"): lower-case letters, digits, '.', '-' and '_'.</summary>
    public static string? KindError(string? kind) => kind switch
    {
        null or "" => "The transfer kind is empty.",
        { Length: > MaxKindLength } => $"The transfer kind is {kind.Length} characters long; at most {MaxKindLength} are allowed.",
        _ when !kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_') =>
            $"The transfer kind '{kind}' may contain only lower-case letters, digits, '.', '-' and '_'.",
        _ => null,
    };

    public static string? ReferenceError(string? reference) => reference switch
    {
        null => null,
        { Length: > MaxReferenceLength } => $"The reference is {reference.Length} characters long; at most {MaxReferenceLength} are allowed.",
        _ when reference.Any(char.IsControl) => "The reference contains control characters.",
        _ => null,
    };

    /// <summary>Users' accounts need their user; the platform's own books have no owner.</summary>
    public static string? AccountError(AccountRef? account, string side)
    {
        if (account is null)
        {
            return $"The {side} account is missing.";
        }

        if (!Enum.IsDefined(account.Purpose) || !Enum.IsDefined(account.Currency))
        {
            return $"The {side} account names an unknown purpose or currency ({(int)account.Purpose}, {(int)account.Currency}).";
        }

        if (account.OwnerId == Guid.Empty)
        {
            return $"The {side} account has an empty owner id; platform accounts have no owner at all.";
        }

        if (account.OwnerId is null && account.Purpose is AccountPurpose.Wallet or AccountPurpose.Earnings or AccountPurpose.Usage)
        {
            return $"The {side} account is a {account.Purpose} account without an owner; {account.Purpose} accounts belong to a user.";
        }

        if (account.OwnerId is not null && account.Purpose is AccountPurpose.CreditIssuance or AccountPurpose.Revenue
                or AccountPurpose.Fees or AccountPurpose.StripeClearing or AccountPurpose.Cash)
        {
            return $"The {side} account is a {account.Purpose} account with an owner; {account.Purpose} is the platform's own.";
        }

        return null;
    }
}
