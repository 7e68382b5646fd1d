using GridStream.Domain.Swarms;

namespace GridStream.Domain.Tests.Swarms;

/// <summary>Browsers and agents in one group: the planner names only sources the requester can reach.</summary>
public sealed class TransportReachTests
{
    private static readonly NetworkProfile Here = Profiles.At("81.2.69.10");

    [Fact]
    public void Browsers_fetch_from_browsers_and_agents_while_agents_fetch_only_from_agents()
    {
        Assert.True(PeerTransports.Browser.CanFetchFrom(PeerTransports.Browser));
        Assert.True(PeerTransports.Browser.CanFetchFrom(PeerTransports.Agent));
        Assert.True(PeerTransports.Agent.CanFetchFrom(PeerTransports.Agent));
        Assert.False(PeerTransports.Agent.CanFetchFrom(PeerTransports.Browser));
        Assert.False(PeerTransports.Browser.CanFetchFrom(new PeerTransports(Transport.None, Transport.WebRtc)));
    }

    [Fact]
    public void An_agent_is_never_offered_a_browser_as_a_source_and_a_browser_is_offered_both()
    {
        var agent = Candidate(PeerTransports.Agent);
        var otherAgent = Candidate(PeerTransports.Agent);
        var browser = Candidate(PeerTransports.Browser);
        var otherBrowser = Candidate(PeerTransports.Browser);
        SourceCandidate[] group = [agent, otherAgent, browser, otherBrowser];

        var forAgent = SourcePlanner.Rank(agent.Peer, Here, PeerTransports.Agent, group);
        var forBrowser = SourcePlanner.Rank(browser.Peer, Here, PeerTransports.Browser, group);

        Assert.Equal([otherAgent.Peer], forAgent);
        Assert.Equal(new[] { agent.Peer, otherAgent.Peer, otherBrowser.Peer }.Order(), forBrowser.Order());
    }

    [Fact]
    public void A_peer_that_fetches_over_nothing_has_only_the_cdn() =>
        Assert.Empty(SourcePlanner.Rank(Guid.NewGuid(), Here, new PeerTransports(Transport.WebRtc, Transport.None),
            [Candidate(PeerTransports.Browser), Candidate(PeerTransports.Agent)]));

    /// <summary>Whatever the rotation picks first, every member of a mixed group is told to fetch itself or waits on a fetcher it can reach.</summary>
    [Theory]
    [InlineData(1, 7)]
    [InlineData(3, 5)]
    [InlineData(5, 1)]
    [InlineData(2, 2)]
    public void In_a_mixed_group_every_member_waits_only_on_a_fetcher_it_can_reach(int agents, int browsers)
    {
        var members = Members(agents, browsers);
        var schedule = new FetcherSchedule();

        for (long sequence = 0; sequence < 60; sequence++)
        {
            // Ask in a different order each time: who asks first must not matter.
            foreach (var (peer, candidate) in members.OrderBy(member => HashCode.Combine(member.Key, sequence)))
            {
                var fetcher = schedule.FetcherFor(sequence, peer, members);
                Assert.True(fetcher == peer || candidate.Transports.CanFetchFrom(members[fetcher].Transports),
                    $"segment {sequence}: {Kind(candidate)} {peer} was told to wait on {Kind(members[fetcher])} {fetcher}");
            }

            // At most one CDN copy per kind of member: the first fetcher, plus one for the agents when a browser went first.
            Assert.InRange(schedule.FetchersOf(sequence).Count, 1, 2);
        }
    }

    [Fact]
    public void In_a_mixed_group_agents_and_browsers_both_take_turns_at_the_cdn_and_browsers_get_segments_from_agents()
    {
        var members = Members(agents: 2, browsers: 2);
        var schedule = new FetcherSchedule();
        var agents = members.Where(member => member.Value.Transports == PeerTransports.Agent).Select(member => member.Key).ToHashSet();
        var browsers = members.Keys.Except(agents).ToList();

        var browserFetchers = Enumerable.Range(0, 40).Select(sequence => schedule.FetcherFor(sequence, browsers[0], members)).ToList();
        var agentFetchers = Enumerable.Range(0, 40).Select(sequence => schedule.FetcherFor(sequence, agents.First(), members)).ToList();

        Assert.Contains(browserFetchers, agents.Contains);
        Assert.Contains(browserFetchers, fetcher => !agents.Contains(fetcher));
        Assert.All(agentFetchers, fetcher => Assert.Contains(fetcher, agents));
        // Where an agent went first, the agents and the browsers share that one CDN copy.
        Assert.All(Enumerable.Range(0, 40).Where(sequence => agents.Contains(browserFetchers[sequence])),
            sequence => Assert.Equal(browserFetchers[sequence], agentFetchers[sequence]));
    }

    [Fact]
    public void In_a_group_of_agents_only_one_member_fetches_each_segment_as_before()
    {
        var members = Members(agents: 6, browsers: 0);
        var schedule = new FetcherSchedule();

        for (long sequence = 0; sequence < 30; sequence++)
        {
            var fetchers = members.Keys.Select(peer => schedule.FetcherFor(sequence, peer, members)).Distinct().ToList();
            Assert.Single(fetchers);
        }
    }

    [Fact]
    public void In_a_group_of_browsers_only_one_member_fetches_each_segment_and_all_take_turns()
    {
        var members = Members(agents: 0, browsers: 4);
        var schedule = new FetcherSchedule();

        var chosen = Enumerable.Range(0, 8)
            .Select(sequence => Assert.Single(members.Keys.Select(peer => schedule.FetcherFor(sequence, peer, members)).Distinct()))
            .ToList();

        Assert.Equal(members.Keys.Order(), chosen.Distinct().Order());
    }

    [Fact]
    public void An_agent_alone_among_browsers_fetches_everything_itself_and_browsers_may_use_its_copy()
    {
        var members = Members(agents: 1, browsers: 4);
        var agent = members.Single(member => member.Value.Transports == PeerTransports.Agent).Key;
        var schedule = new FetcherSchedule();

        for (long sequence = 0; sequence < 20; sequence++)
        {
            Assert.Equal(agent, schedule.FetcherFor(sequence, agent, members));
            Assert.Contains(agent, schedule.FetchersOf(sequence));
        }
    }

    [Fact]
    public void When_the_last_agent_an_agent_could_reach_leaves_it_fetches_from_the_cdn_itself()
    {
        var members = Members(agents: 2, browsers: 3);
        var agents = members.Where(member => member.Value.Transports == PeerTransports.Agent).Select(member => member.Key).Order().ToList();
        var schedule = new FetcherSchedule();
        // Find a segment the other agent was designated to fetch, then let it leave.
        var sequence = Enumerable.Range(0, 50).First(n => schedule.FetcherFor(n, agents[0], members) == agents[1]);

        members.Remove(agents[1]);

        Assert.Equal(agents[0], schedule.FetcherFor(sequence, agents[0], members));
        Assert.All(Enumerable.Range(100, 10), n => Assert.Equal(agents[0], schedule.FetcherFor(n, agents[0], members)));
        Assert.Empty(SourcePlanner.Rank(agents[0], Here, PeerTransports.Agent,
            members.Select(member => new SourceCandidate(member.Key, Here, PeerQuality.Unknown, 0, member.Value.Transports))));
    }

    [Fact]
    public void A_browser_whose_designated_agent_left_gets_a_fetcher_it_can_still_reach()
    {
        var members = Members(agents: 1, browsers: 3);
        var agent = members.Single(member => member.Value.Transports == PeerTransports.Agent).Key;
        var browser = members.Keys.First(peer => peer != agent);
        var schedule = new FetcherSchedule();
        var sequence = Enumerable.Range(0, 50).First(n => schedule.FetcherFor(n, browser, members) == agent);

        members.Remove(agent);
        var replacement = schedule.FetcherFor(sequence, browser, members);

        Assert.Contains(replacement, members.Keys);
        Assert.Equal(replacement, schedule.FetcherFor(sequence, members.Keys.First(peer => peer != browser), members));
    }

    [Fact]
    public void A_member_that_serves_nothing_is_not_made_the_first_fetcher_while_others_serve()
    {
        var leech = Guid.NewGuid();
        var members = Members(agents: 0, browsers: 3);
        members[leech] = new FetcherCandidate(new PeerTransports(Transport.None, Transport.WebRtc), Weight: 50);
        var schedule = new FetcherSchedule();

        Assert.All(Enumerable.Range(0, 20), sequence => Assert.NotEqual(leech, schedule.FetcherFor(sequence, members.Keys.First(peer => peer != leech), members)));
    }

    [Fact]
    public void Asking_for_someone_outside_the_group_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => new FetcherSchedule().FetcherFor(0, Guid.NewGuid(), Members(agents: 1, browsers: 1)));

    private static Dictionary<Guid, FetcherCandidate> Members(int agents, int browsers) =>
        Enumerable.Range(0, agents).Select(_ => PeerTransports.Agent)
            .Concat(Enumerable.Range(0, browsers).Select(_ => PeerTransports.Browser))
            .ToDictionary(_ => Guid.NewGuid(), transports => new FetcherCandidate(transports, Weight: 1));

    private static string Kind(FetcherCandidate candidate) => candidate.Transports == PeerTransports.Agent ? "agent" : "browser";

    private static SourceCandidate Candidate(PeerTransports transports) => new(Guid.NewGuid(), Here, PeerQuality.Unknown, 0, transports);
}
