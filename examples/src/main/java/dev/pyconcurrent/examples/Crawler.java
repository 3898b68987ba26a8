package dev.pyconcurrent.examples;

import com.sun.net.httpserver.HttpServer;
import dev.pyconcurrent.Held;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.ThreadPoolExecutor;
import dev.pyconcurrent.threading.Lock;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * F4 (thread side): the crawler shape. A pool of three workers fetches pages; a
 * done-callback on each future parses the page's title and appends it to a file. The
 * pages come from a small HTTP server on 127.0.0.1 started by the program itself, each
 * answering after a short delay like a real site.
 *
 * <pre>
 * from concurrent.futures import ThreadPoolExecutor
 * import re, threading, urllib.request
 *
 * file_lock = threading.Lock()
 *
 * def fetch(url):
 *     with urllib.request.urlopen(url) as response:
 *         return response.read().decode()
 *
 * def save_title(future):
 *     title = re.search(r"&lt;title&gt;(.*?)&lt;/title&gt;", future.result()).group(1)
 *     with file_lock, open("titles.txt", "a") as f:
 *         f.write(title + "\n")
 *
 * with ThreadPoolExecutor(3) as pool:
 *     for url in urls:
 *         pool.submit(fetch, url).add_done_callback(save_title)
 * </pre>
 */
public final class Crawler {
    private Crawler() {
    }

    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>");

    /** Python's {@code urllib.request.urlopen(url).read().decode()}. */
    static String fetch(String url) {
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Crawls ten pages served locally, each answering after {@code 0.5 × timeScale} s,
     * appending their titles to {@code titles}; returns the file's lines.
     */
    static List<String> run(double timeScale, Path titles, PrintStream out) throws IOException {
        ThreadPoolExecutor siteWorkers = new ThreadPoolExecutor(4, "site");   // any Executor can serve the site
        HttpServer server = startSite(timeScale, siteWorkers);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Lock fileLock = new Lock();
        try {
            try (ThreadPoolExecutor pool = new ThreadPoolExecutor(3)) {
                for (int i = 1; i <= 10; i++) {
                    String url = base + "/page/" + i;
                    Future<String> page = pool.submit(() -> fetch(url));
                    page.addDoneCallback(done -> saveTitle(done.result(), titles, fileLock, out));
                }
            }   // waits for every fetch (and its callback)
        } finally {
            server.stop(0);
            siteWorkers.shutdown();
        }
        return Files.readAllLines(titles);
    }

    private static void saveTitle(String html, Path titles, Lock fileLock, PrintStream out) {
        Matcher m = TITLE.matcher(html);
        String title = m.find() ? m.group(1) : "(no title)";
        try (Held h = fileLock.hold()) {
            Files.writeString(titles, title + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("saved: " + title);
    }

    /** A tiny site on 127.0.0.1: /page/N answers, after a delay, with a page titled "Page N". */
    private static HttpServer startSite(double timeScale, ThreadPoolExecutor workers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/page/", exchange -> {
            String n = exchange.getRequestURI().getPath().substring("/page/".length());
            Time.sleep(0.5 * timeScale);
            byte[] body = ("<html><head><title>Page " + n + "</title></head><body>page " + n + "</body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(workers);
        server.start();
        return server;
    }

    /**
     * Crawls the local site, writing titles to a file in the temporary directory; an optional argument scales the delays.
     *
     * @param args optional: a time scale for every sleep and timeout (0.1 runs ten times faster)
     * @throws IOException if the local site cannot start or the titles file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path titles = Files.createTempFile("titles-", ".txt");
        List<String> lines = run(Time.scale(args), titles, System.out);
        System.out.println(lines.size() + " titles in " + titles);
    }
}
