using System.Net;
using GridStream.Agent.Peering;

namespace GridStream.Server.Tests;

/// <summary>The agent's segment server over real HTTP: a thin upload link serves one mate at a time and says 503 to the rest.</summary>
public sealed class AgentUploadSlotsTests
{
    private static readonly SegmentKey Key = new(Guid.NewGuid(), "360p", 7);

    [Fact]
    public async Task A_full_upload_link_answers_busy_until_a_slot_frees_up()
    {
        var cache = new SegmentCache(10);
        cache.Add(Key, new byte[175_000]);
        var uploads = new UploadGate(upKbps: 1_000);
        uploads.Observed(175_000, 2_000);
        await using var server = await SegmentServer.StartAsync(cache, uploads, IPAddress.Loopback, corrupt: false, new SegmentSharing("*"), CancellationToken.None);
        using var http = new HttpClient();
        var url = new Uri(server.Address, Key.Path);

        Assert.Equal(1, uploads.Slots);
        Assert.True(uploads.TryEnter()); // another mate's upload in progress
        var whileBusy = await http.GetAsync(url);
        uploads.Exit();
        var whenFree = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileBusy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, whenFree.StatusCode);
        Assert.Equal(175_000, (await whenFree.Content.ReadAsByteArrayAsync()).Length);
        for (var i = 0; i < 100 && uploads.Active != 0; i++)
        {
            await Task.Delay(50); // the server releases the slot once its handler returns, just after the last byte
        }

        Assert.Equal(0, uploads.Active);
    }

    [Fact]
    public async Task A_segment_not_held_is_404_even_when_slots_are_free()
    {
        var uploads = new UploadGate(upKbps: 20_000);
        await using var server = await SegmentServer.StartAsync(new SegmentCache(10), uploads, IPAddress.Loopback, corrupt: false, new SegmentSharing("*"), CancellationToken.None);
        using var http = new HttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(server.Address, Key.Path))).StatusCode);
        Assert.Equal(0, uploads.Active);
    }
}
