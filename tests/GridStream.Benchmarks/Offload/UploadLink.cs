namespace GridStream.Benchmarks.Offload;

/// <summary>
/// One viewer's upload link: the segments it is sending share its upload bandwidth equally (processor sharing), and
/// no single transfer goes faster than its receiver's download bandwidth. Whenever a transfer starts or ends the
/// others' finishing times are recomputed; events scheduled for an earlier state of the link are ignored.
/// </summary>
internal sealed class UploadLink(EventLoop loop, long upKbps)
{
    private readonly List<Transfer> _active = [];
    private long _lastUpdateMs;
    private long _version;

    public int ActiveUploads => _active.Count;

    /// <summary>Starts sending <paramref name="bytes"/>; <paramref name="done"/> runs when the last bit has left.</summary>
    public Transfer Start(long bytes, long receiverDownKbps, Action done, Action cut)
    {
        Advance();
        var transfer = new Transfer(bytes * 8.0, receiverDownKbps, done, cut);
        _active.Add(transfer);
        Reschedule();
        return transfer;
    }

    /// <summary>Stops a transfer early (the receiver gave up, or either side left); false when it had already finished.</summary>
    public bool Abort(Transfer transfer)
    {
        Advance();
        if (!_active.Remove(transfer))
        {
            return false;
        }

        Reschedule();
        return true;
    }

    /// <summary>Stops everything (this viewer left): every receiver hears its transfer was cut off.</summary>
    public void AbortAll()
    {
        var cut = _active.ToList();
        _active.Clear();
        _version++;
        foreach (var transfer in cut)
        {
            transfer.Cut();
        }
    }

    private void Advance()
    {
        var elapsed = loop.NowMs - _lastUpdateMs;
        _lastUpdateMs = loop.NowMs;
        if (elapsed <= 0)
        {
            return;
        }

        foreach (var transfer in _active)
        {
            transfer.RemainingBits = Math.Max(0, transfer.RemainingBits - elapsed * RateOf(transfer));
        }
    }

    /// <summary>Bits per millisecond, which is kilobits per second.</summary>
    private double RateOf(Transfer transfer) => Math.Min((double)upKbps / _active.Count, transfer.ReceiverDownKbps);

    private void Reschedule()
    {
        var version = ++_version;
        foreach (var transfer in _active)
        {
            var finishInMs = (long)Math.Ceiling(transfer.RemainingBits / RateOf(transfer));
            loop.After(finishInMs, () =>
            {
                if (version != _version)
                {
                    return;
                }

                Advance();
                _active.Remove(transfer);
                Reschedule();
                transfer.Done();
            });
        }
    }

    internal sealed class Transfer(double bits, long receiverDownKbps, Action done, Action cut)
    {
        public double RemainingBits { get; set; } = bits;
        public long ReceiverDownKbps { get; } = receiverDownKbps;
        public Action Done { get; } = done;
        public Action Cut { get; } = cut;
    }
}
