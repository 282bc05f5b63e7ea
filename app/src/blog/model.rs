//! The community blog as pages show it: public posts by tutors and the members
//! they authorise, with a cover, tags and members' comments.

use crate::text::Bounded;
use crate::upload::model::FileView;
use serde::{Deserialize, Serialize};

pub const TITLE_MAX_CHARS: usize = 140;
pub const SUMMARY_MAX_CHARS: usize = 300;
pub const BODY_MAX_CHARS: usize = 50_000;
pub const COMMENT_MAX_CHARS: usize = 5_000;
pub const TAGS_MAX: usize = 8;
pub const TAG_MAX_CHARS: usize = 30;
pub const POSTS_PER_PAGE: i64 = 10;

/// A post in a list or a feed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub author: String,
    /// "1 dicembre 2026"; empty for a draft.
    pub published: String,
    pub draft: bool,
    pub tags: Vec<String>,
    pub cover: Option<FileView>,
    pub comments: i64,
}

/// `/comunita/{slug}/blog[?tag=…]`: public.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlogIndex {
    pub community: String,
    pub name: String,
    pub description: String,
    pub tag: Option<String>,
    pub posts: crate::paging::Paged<PostCard>,
    /// The tags in use, with how many published posts carry each.
    pub tags: Vec<(String, i64)>,
    /// The reader may write (tutors and authorised members); drafts are listed.
    pub may_write: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub author: String,
    pub at: String,
    /// Sanitized when written; empty when hidden.
    pub html: String,
    pub hidden: bool,
}

/// `/comunita/{slug}/blog/{post}`: public once published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostPage {
    pub community: String,
    pub community_name: String,
    pub post: PostCard,
    pub html: String,
    pub comments: Vec<CommentView>,
    /// Members comment; tutors hide comments; authors and tutors edit.
    pub may_comment: bool,
    pub may_moderate: bool,
    pub may_edit: bool,
    /// Absolute addresses for sharing (Open Graph).
    pub url: String,
    pub image: Option<String>,
}

/// The editor: a new post (empty) or one to change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Editor {
    pub bar: crate::community::model::CommunityBar,
    /// None for a new post.
    pub slug: Option<String>,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub tags: String,
    pub published: bool,
    pub cover: Option<FileView>,
    pub cover_alt: String,
}

/// Tags as typed ("Social, PA digitale, social"): trimmed, lowercased, deduplicated.
pub fn parse_tags(text: &str) -> Result<Vec<String>, crate::i18n::T> {
    let mut out: Vec<String> = Vec::new();
    for t in text.split(',') {
        let t = t
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if t.is_empty() || out.contains(&t) {
            continue;
        }
        Bounded::<0, TAG_MAX_CHARS>::parse(&t).map_err(|_| crate::i18n::T::BlogTagTooLong)?;
        out.push(t);
    }
    if out.len() > TAGS_MAX {
        return Err(crate::i18n::T::BlogTooManyTags);
    }
    Ok(out)
}

pub fn blog_path(community: &str) -> String {
    format!("/comunita/{community}/blog")
}

pub fn post_path(community: &str, post: &str) -> String {
    format!("/comunita/{community}/blog/{post}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_cleaned() {
        assert_eq!(
            parse_tags("Social,  PA   digitale, social,,"),
            Ok(vec!["social".to_string(), "pa digitale".to_string()])
        );
        assert!(parse_tags(&"x".repeat(31)).is_err());
        assert!(parse_tags("a,b,c,d,e,f,g,h,i").is_err());
    }
}
